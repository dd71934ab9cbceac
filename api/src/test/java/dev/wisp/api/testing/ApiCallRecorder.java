package dev.wisp.api.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records the Kubernetes API calls a component makes against the fabric8 mock server, as RBAC
 * sees them ({@link ApiCall}): drain before the component starts to forget the test's own setup
 * calls, then drain again to get the component's — or give each component a client with its own
 * User-Agent and drain the calls of that agent only.
 */
public final class ApiCallRecorder {
    private final KubernetesMockServer server;

    public ApiCallRecorder(KubernetesMockServer server) {
        this.server = server;
    }

    /** The distinct calls the server received since the last drain, in order of first arrival. */
    public Set<ApiCall> drain() throws InterruptedException {
        return drain(null);
    }

    /** Like {@link #drain()}, keeping only the requests sent with {@code userAgent} (null: every request). */
    public Set<ApiCall> drain(String userAgent) throws InterruptedException {
        Set<ApiCall> calls = new LinkedHashSet<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (userAgent == null || userAgent.equals(request.getHeader("User-Agent"))) {
                ApiCall.of(request.getMethod(), request.getPath()).ifPresent(calls::add);
            }
        }
        return calls;
    }

    /** Every call since the last drain, spelled as {@link ClusterRoleGrants} spells grants, by User-Agent. */
    public java.util.Map<String, Set<String>> drainSpelledByUserAgent() throws InterruptedException {
        java.util.Map<String, Set<String>> calls = new java.util.TreeMap<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            String agent = String.valueOf(request.getHeader("User-Agent"));
            ApiCall.of(request.getMethod(), request.getPath()).ifPresent(call ->
                    calls.computeIfAbsent(agent, a -> new java.util.TreeSet<>()).add(call.toString()));
        }
        return calls;
    }

    /** The calls of {@code userAgent} since the last drain, spelled as {@link ClusterRoleGrants} spells grants. */
    public Set<String> drainSpelled(String userAgent) throws InterruptedException {
        Set<String> spelled = new java.util.TreeSet<>();
        drain(userAgent).forEach(call -> spelled.add(call.toString()));
        return spelled;
    }
}
