package dev.wisp.build.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a Docker archive in tests: its manifest, its config and the file names of each layer. */
record OciArchive(JsonNode manifest, JsonNode config, List<List<String>> layerFiles) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static OciArchive read(Path archive) throws IOException {
        Map<String, byte[]> entries = entries(Files.newInputStream(archive), false);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText()));
        List<List<String>> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] bytes = entries.get(layer.asText());
            boolean gzip = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
            layers.add(new ArrayList<>(entries(new ByteArrayInputStream(bytes), gzip).keySet()));
        }
        return new OciArchive(manifest, config, layers);
    }

    private static Map<String, byte[]> entries(InputStream raw, boolean gzip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = gzip ? new GZIPInputStream(raw) : raw; TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName().replaceFirst("^\\./", ""), entry.isFile() ? tar.readAllBytes() : new byte[0]);
            }
        }
        return entries;
    }
}
