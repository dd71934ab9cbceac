package dev.wisp.serving.runtime.container;

import dev.wisp.api.dataplane.RevisionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels Wisp puts on its containers so that it finds its own again after a restart and never
 * touches anyone else's: {@value #MANAGED}, the owning Wisp (a hash of its state directory), the
 * revision and the instance.
 */
public final class ContainerLabels {

    public static final String PREFIX = "wisp.dev/";
    public static final String MANAGED = PREFIX + "managed";
    public static final String OWNER = PREFIX + "owner";
    public static final String NAMESPACE = PREFIX + "namespace";
    public static final String REVISION = PREFIX + "revision";
    public static final String INSTANCE = PREFIX + "instance";

    private ContainerLabels() {
    }

    /** The owner label's value for the Wisp whose state lives in {@code stateDir}: short, stable, unique per directory. */
    public static String ownerOf(Path stateDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The labels of one instance's container. */
    public static Map<String, String> of(String owner, RevisionKey revision, String instanceId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(OWNER, owner);
        labels.put(NAMESPACE, revision.namespace());
        labels.put(REVISION, revision.name());
        labels.put(INSTANCE, instanceId);
        return labels;
    }

    /** The label filters ({@code key=value}) that select every container of one owner. */
    public static List<String> ownedBy(String owner) {
        return List.of(MANAGED + "=true", OWNER + "=" + owner);
    }
}
