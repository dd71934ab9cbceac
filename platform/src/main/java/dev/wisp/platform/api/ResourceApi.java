package dev.wisp.platform.api;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.store.StoreException;
import dev.wisp.platform.store.ResourceKinds;
import dev.wisp.serving.runtime.WorkloadRuntime;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handlers of the REST API: list, get, create, replace and delete resources at Kubernetes-style
 * paths, apply several documents at once, and read a revision's instances and logs.
 */
final class ResourceApi {
    private final ResourceStore store;
    private final WorkloadRuntime runtime;
    private final Admission admission;
    private final TemplateNameCheck templateNames;

    ResourceApi(ResourceStore store, WorkloadRuntime runtime, Admission admission) {
        this.store = store;
        this.runtime = runtime;
        this.admission = admission;
        this.templateNames = new TemplateNameCheck(store);
    }

    /** A Kubernetes-style list. */
    record ResourceList(String apiVersion, String kind, List<? extends HasMetadata> items) {
    }

    /** One line of an apply result. */
    record Applied(String kind, String namespace, String name, String action) {
    }

    void listAll(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        ApiResponses.ok(ctx, 200, new ResourceList(kind.apiVersion(), kind.kind() + "List",
                LabelSelector.from(ctx).filter(store.list(kind.type(), null))));
    }

    void list(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        ApiResponses.ok(ctx, 200, new ResourceList(kind.apiVersion(), kind.kind() + "List",
                LabelSelector.from(ctx).filter(store.list(kind.type(), ctx.pathParam("ns")))));
    }

    void get(RoutingContext ctx) {
        ApiResponses.ok(ctx, 200, existing(ctx));
    }

    void create(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        HasMetadata resource = single(ctx, kind);
        admission.admit(resource, ctx.pathParam("ns"));
        templateNames.check(List.of(resource));
        ApiResponses.ok(ctx, 201, store.create(resource));
    }

    void replace(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        HasMetadata resource = single(ctx, kind);
        String name = ctx.pathParam("name");
        if (resource.getMetadata() != null && resource.getMetadata().getName() == null) {
            resource.getMetadata().setName(name);
        }
        if (resource.getMetadata() != null && !name.equals(resource.getMetadata().getName())) {
            throw new BadRequestException(400, "BadRequest", "metadata.name: \"" + resource.getMetadata().getName()
                    + "\" does not match the name in the request path \"" + name + "\"");
        }
        admission.admit(resource, ctx.pathParam("ns"));
        templateNames.check(List.of(resource));
        ApiResponses.ok(ctx, 200, store.update(resource));
    }

    void delete(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        String ns = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        if (!store.delete(kind.type(), ns, name)) {
            throw new StoreException(StoreException.Reason.NOT_FOUND, kind.plural() + "." + kind.group() + " " + ns + "/" + name + " not found");
        }
        ApiResponses.ok(ctx, 200, Map.of("kind", "Status", "apiVersion", "v1", "status", "Success",
                "details", Map.of("name", name, "kind", kind.plural())));
    }

    void apply(RoutingContext ctx) {
        List<HasMetadata> resources = admission.admitAll(admission.parse(ctx.body().asString()));
        templateNames.check(resources);
        List<Applied> results = new ArrayList<>();
        for (HasMetadata resource : resources) {
            results.add(applyOne(resource));
        }
        ApiResponses.ok(ctx, 200, Map.of("results", results));
    }

    void log(RoutingContext ctx) {
        RevisionKey key = revision(ctx);
        ApiResponses.text(ctx, InstanceLogs.read(runtime.logFiles(key), tailLines(ctx)));
    }

    void instances(RoutingContext ctx) {
        RevisionKey key = revision(ctx);
        ApiResponses.ok(ctx, 200, RevisionInstancesView.of(key, runtime.health(key), runtime.instances(key), runtime.imageDigest(key)));
    }

    private static int tailLines(RoutingContext ctx) {
        List<String> values = ctx.queryParam("tailLines");
        if (values.isEmpty()) {
            return 0;
        }
        try {
            int tail = Integer.parseInt(values.get(0));
            if (tail >= 0) {
                return tail;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(400, "BadRequest", "tailLines: \"" + values.get(0) + "\" is not a non-negative integer");
    }

    private Applied applyOne(HasMetadata resource) {
        ResourceKinds.Kind kind = ResourceKinds.of(resource.getClass());
        String ns = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        var current = store.get(kind.type(), ns, name);
        if (current.isEmpty()) {
            store.create(resource);
            return new Applied(kind.kind(), ns, name, "created");
        }
        resource.getMetadata().setResourceVersion(null);
        String before = current.get().getMetadata().getResourceVersion();
        HasMetadata updated = store.update(resource);
        boolean changed = !before.equals(updated.getMetadata().getResourceVersion());
        return new Applied(kind.kind(), ns, name, changed ? "configured" : "unchanged");
    }

    private RevisionKey revision(RoutingContext ctx) {
        RevisionKey key = new RevisionKey(ctx.pathParam("ns"), ctx.pathParam("name"));
        store.get(dev.wisp.api.serving.v1.Revision.class, key.namespace(), key.name())
                .orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND, "revision " + key + " not found"));
        return key;
    }

    private HasMetadata existing(RoutingContext ctx) {
        ResourceKinds.Kind kind = kind(ctx);
        String ns = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        return store.get(kind.type(), ns, name).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
                kind.plural() + "." + kind.group() + " \"" + name + "\" not found in namespace " + ns));
    }

    private HasMetadata single(RoutingContext ctx, ResourceKinds.Kind kind) {
        List<HasMetadata> docs = admission.parse(ctx.body().asString());
        if (docs.size() != 1) {
            throw new BadRequestException(400, "BadRequest", "expected one resource in the body, got " + docs.size());
        }
        HasMetadata resource = docs.get(0);
        if (!kind.type().isInstance(resource)) {
            throw new BadRequestException(400, "BadRequest", "the body is a " + resource.getKind()
                    + " but the path is for " + kind.plural());
        }
        if (resource instanceof CustomResource<?, ?> custom) {
            custom.setStatus(null);
        }
        return resource;
    }

    /** The kind a path names: its group is the segment after {@code /apis/}, its plural the {@code :plural} parameter. */
    private static ResourceKinds.Kind kind(RoutingContext ctx) {
        String plural = ctx.pathParam("plural");
        String[] segments = ctx.normalizedPath().split("/");
        String group = segments.length > 3 ? segments[2] : "";
        String version = segments.length > 3 ? segments[3] : "";
        return ResourceKinds.byPlural(group, plural).orElseThrow(() -> new BadRequestException(404,
                "NotFound", "unknown resource type \"" + plural + "\" in " + group + "/" + version + "; known: "
                        + String.join(", ", ResourceKinds.ALL.stream().filter(k -> k.group().equals(group)).map(ResourceKinds.Kind::plural).toList())));
    }
}
