package dev.wisp.serving.runtime.container;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An image reference resolved to a digest, as Knative resolves a revision's image when the revision
 * is created: every instance of the revision runs {@code reference}, whatever its tag points to later.
 *
 * @param requested the image as written in the revision
 * @param reference what containers are created from: {@code repository@sha256:...}, else the image id
 * @param digest    {@code sha256:...}: the manifest digest when the engine knows one, else the image id
 */
public record PinnedImage(String requested, String reference, String digest) {

    /** Pins {@code requested} using the engine's inspection of the image ({@code images/{name}/json}). */
    public static PinnedImage of(String requested, JsonObject inspection) {
        String id = inspection.getString("Id");
        List<String> repoDigests = inspection.getJsonArray("RepoDigests") == null ? List.of()
                : inspection.getJsonArray("RepoDigests").stream().map(String::valueOf).toList();
        String repository = repositoryOf(requested);
        String chosen = repoDigests.stream().filter(d -> d.startsWith(repository + "@")).findFirst()
                .orElse(repoDigests.isEmpty() ? null : repoDigests.get(0));
        if (chosen == null) {
            return new PinnedImage(requested, id, id);
        }
        return new PinnedImage(requested, chosen, chosen.substring(chosen.indexOf('@') + 1));
    }

    /** The repository part of a reference: without its {@code @digest} and its {@code :tag}. */
    static String repositoryOf(String reference) {
        String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
