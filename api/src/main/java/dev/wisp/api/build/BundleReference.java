package dev.wisp.api.build;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a content-addressed bundle built for the process runtime,
 * {@code wisp.local/{name}@sha256:{64 hex}}, and the bundle layout both the build controller and
 * the process runtime agree on: {@code {stateDir}/bundles/sha256-{hex}/app} holds the app (the
 * working directory of its command) and {@code .../manifest.json} describes it. Pure parsing, no I/O.
 */
public record BundleReference(String name, String digestHex) {
    /** The registry host of bundle references. */
    public static final String HOST = "wisp.local";
    /** The directory under the state directory holding every bundle. */
    public static final String BUNDLES_DIR = "bundles";
    /** The directory inside a bundle holding the app. */
    public static final String APP_DIR = "app";
    /** The file inside a bundle describing it. */
    public static final String MANIFEST = "manifest.json";

    private static final Pattern REF = Pattern.compile("^" + Pattern.quote(HOST) + "/([a-z0-9]([-a-z0-9._/]*[a-z0-9])?)@sha256:([0-9a-f]{64})$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{64}$");

    public BundleReference {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bundle name is required");
        }
        if (digestHex == null || !HEX.matcher(digestHex).matches()) {
            throw new IllegalArgumentException("bundle digest must be 64 lower-case hex digits, got " + digestHex);
        }
    }

    /** The bundle an image string references, or empty when it is not a bundle reference. */
    public static Optional<BundleReference> parse(String image) {
        if (image == null) {
            return Optional.empty();
        }
        Matcher m = REF.matcher(image);
        return m.matches() ? Optional.of(new BundleReference(m.group(1), m.group(3))) : Optional.empty();
    }

    /** {@code sha256:{hex}}. */
    public String digest() {
        return "sha256:" + digestHex;
    }

    /** The image string: {@code wisp.local/{name}@sha256:{hex}}. */
    public String image() {
        return HOST + "/" + name + "@" + digest();
    }

    /** The bundle's directory name under {@link #BUNDLES_DIR}: {@code sha256-{hex}} (the digest alone decides it). */
    public String directoryName() {
        return "sha256-" + digestHex;
    }

    /** The path of the app directory relative to the state directory: {@code bundles/sha256-{hex}/app}. */
    public String appPath() {
        return BUNDLES_DIR + "/" + directoryName() + "/" + APP_DIR;
    }

    @Override
    public String toString() {
        return image();
    }
}
