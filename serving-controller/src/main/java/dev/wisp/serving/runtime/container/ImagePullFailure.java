package dev.wisp.serving.runtime.container;

/** An image the engine neither has nor could pull: reported on the Revision as Knative reports pull errors. */
public final class ImagePullFailure extends RuntimeException {

    /** The condition reason, as Kubernetes shows a pod whose image cannot be pulled. */
    public static final String REASON = "ImagePullBackOff";
    /** The condition reason of a revision without an image, as Kubernetes names it. */
    public static final String INVALID_IMAGE = "InvalidImageName";

    private final String reason;

    private ImagePullFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The engine could not pull {@code image}; {@code engineMessage} says why. */
    public static ImagePullFailure pullFailed(String image, String engineMessage) {
        return new ImagePullFailure(REASON, "Back-off pulling image \"" + image + "\": " + engineMessage);
    }

    /** A revision that names no image. */
    public static ImagePullFailure missingImage() {
        return new ImagePullFailure(INVALID_IMAGE, "containers[0].image is not set: the container runtime runs images "
                + "(set an image, or run the revision as a process with the annotation wisp.dev/runtime: process)");
    }

    /** The Knative-style condition reason. */
    public String reason() {
        return reason;
    }
}
