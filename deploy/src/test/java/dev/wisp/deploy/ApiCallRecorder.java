package dev.wisp.deploy;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records the Kubernetes API calls a component makes against the fabric8 mock server, as RBAC
 * sees them ({@link ApiCall}): drain before the component starts to forget the test's own setup
 * calls, then drain again to get the component's.
 */
public final class ApiCallRecorder {
    private final KubernetesMockServer server;

    public ApiCallRecorder(KubernetesMockServer server) {
        this.server = server;
    }

    /** The distinct calls the server received since the last drain, in order of first arrival. */
    public Set<ApiCall> drain() throws InterruptedException {
        Set<ApiCall> calls = new LinkedHashSet<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            ApiCall.of(request.getMethod(), request.getPath()).ifPresent(calls::add);
        }
        return calls;
    }
}
