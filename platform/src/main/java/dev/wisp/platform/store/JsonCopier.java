package dev.wisp.platform.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns resources into JSON bytes and back, and deep-copies them that way; the store's one codec. */
public final class JsonCopier {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public byte[] toBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T fromBytes(byte[] bytes, Class<T> type) throws IOException {
        return mapper.readValue(bytes, type);
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    @SuppressWarnings("unchecked")
    public <T> T copy(T value) {
        try {
            return (T) mapper.readValue(mapper.writeValueAsBytes(value), value.getClass());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
