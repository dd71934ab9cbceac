package dev.wisp.serving.runtime.container;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the engine's answer to {@code POST /images/load} (pure): JSON objects, one a line, whose
 * {@code stream} says {@code Loaded image: NAME[,NAME...]} (Podman joins several names with commas)
 * or {@code Loaded image ID: sha256:...} (Docker, for an untagged archive), or whose {@code error}
 * says why the load failed. The loaded reference is the first name, else the image ID.
 */
public final class ImageLoadAnswer {

    private static final String LOADED_NAME = "Loaded image:";
    private static final String LOADED_ID = "Loaded image ID:";

    private ImageLoadAnswer() {
    }

    /** The reference of the image {@code archive} loaded as, from the engine's answer {@code body}. */
    public static String loadedReference(String archive, String body) {
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String line : body.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject message;
            try {
                message = new JsonObject(line);
            } catch (DecodeException e) {
                continue; // progress output the engine may interleave
            }
            String error = message.getString("error");
            if (error != null && !error.isBlank()) {
                throw new EngineException(500, "the engine could not load " + archive + ": " + error.strip());
            }
            String stream = message.getString("stream", "").strip();
            if (stream.startsWith(LOADED_ID)) {
                ids.add(stream.substring(LOADED_ID.length()).strip());
            } else if (stream.startsWith(LOADED_NAME)) {
                Arrays.stream(stream.substring(LOADED_NAME.length()).split(","))
                        .map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
            }
        }
        if (!names.isEmpty()) {
            return names.get(0);
        }
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        throw new EngineException(500, "the engine loaded " + archive + " but named no image in its answer: "
                + (body.isBlank() ? "(empty)" : body.strip()));
    }
}
