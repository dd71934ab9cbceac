package dev.wisp.api.testing;

import java.net.URI;
import java.util.Optional;

/**
 * One request to the Kubernetes API as RBAC sees it: verb, API group ({@code ""} for core) and
 * resource (with its subresource, {@code deployments/scale}).
 */
public record ApiCall(String verb, String group, String resource) {

    /**
     * The call that {@code method} on {@code path} (with its query) makes, or empty for paths RBAC
     * does not cover by resource (discovery such as {@code /version} or {@code /apis}).
     */
    public static Optional<ApiCall> of(String method, String path) {
        URI uri = URI.create(path);
        String[] parts = uri.getPath().replaceAll("^/+", "").split("/");
        int start;
        String group;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            start = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            start = 3;
        } else {
            return Optional.empty();
        }
        if (parts.length >= start + 3 && parts[start].equals("namespaces")) {
            start += 2; // namespaces/{namespace}/{resource}...; /namespaces/{name} itself is a namespaces call
        }
        if (parts.length <= start) {
            return Optional.empty();
        }
        String resource = parts[start];
        boolean named = parts.length > start + 1;
        if (parts.length > start + 2) {
            resource = resource + "/" + parts[start + 2];
        }
        return Optional.of(new ApiCall(verb(method, named, uri.getQuery()), group, resource));
    }

    private static String verb(String method, boolean named, String query) {
        boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
        return switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
    }
}
