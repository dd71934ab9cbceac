package dev.wisp.serving.kubernetes;

import java.util.List;

/**
 * One Kubernetes API call as RBAC sees it: verb, API group, resource (with {@code /subresource}),
 * read from a request's method and path.
 */
record ApiCall(String verb, String group, String resource) {

    /** {@code GET /apis/apps/v1/namespaces/x/deployments/y/scale} -> get, apps, deployments/scale. */
    static ApiCall of(String method, String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        List<String> parts = List.of(path.replaceFirst("^/", "").split("/"));
        String group = parts.get(0).equals("api") ? "" : parts.get(1);
        List<String> rest = parts.subList(parts.get(0).equals("api") ? 2 : 3, parts.size());
        if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method + " " + path);
        };
        return new ApiCall(verb, group, resource);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
    }
}
