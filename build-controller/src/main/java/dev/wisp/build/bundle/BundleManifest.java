package dev.wisp.build.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a bundle holds besides the app: how it was built and how it starts. Written into the bundle
 * (so it is part of the digest) and read back on a cache hit. No timestamps: the same build gives the same bytes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BundleManifest(String name, String strategy, String sourceDigest, List<String> command,
                             List<String> args, Map<String, String> env) {
    public BundleManifest {
        command = List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
