package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.Condition;
import dev.wisp.api.status.KnativeStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A Build's status: the {@code Succeeded} condition (Unknown while running, True, or False with a
 * reason and the last log lines), start and completion times, the image and its digest, the
 * resolved strategy and source digest, whether the result came from the cache, and the target URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildStatus extends KnativeStatus {
    public static final String SUCCEEDED = "Succeeded";

    private String startTime;
    private String completionTime;
    private String image;
    private String imageDigest;
    private String sourceDigest;
    private String strategy;
    private Boolean cacheHit;
    private String url;
    private String observedRun;

    /** A Build's outcome is its own condition; it has no sub-conditions to derive Ready from. */
    @Override
    protected List<String> readyDependents() {
        return List.of();
    }

    /**
     * Marks the build running: Succeeded=Unknown, a fresh start time, no completion time, and no image
     * or cache hit yet (the status describes the latest run, not an earlier one).
     */
    public void markRunning(String reason, String message, Instant now) {
        markUnknown(SUCCEEDED, reason, message, now);
        startTime = time(now);
        completionTime = null;
        clearOutput();
    }

    /** Marks the build done and successful with the image it produced. */
    public void markSucceeded(String image, String digest, boolean fromCache, Instant now) {
        markTrue(SUCCEEDED, now);
        this.image = image;
        this.imageDigest = digest;
        this.cacheHit = fromCache;
        completionTime = time(now);
    }

    /**
     * Marks the build failed; {@code message} carries what went wrong (for a failed step, its first error
     * and last log lines). A failed run produced no image: image, imageDigest and cacheHit are cleared
     * (the target Service keeps running the previous image; its own status shows which).
     */
    public void markFailed(String reason, String message, Instant now) {
        markFalse(SUCCEEDED, reason, message, now);
        completionTime = time(now);
        clearOutput();
    }

    private void clearOutput() {
        image = null;
        imageDigest = null;
        cacheHit = null;
    }

    /** True once the Succeeded condition is True. */
    @JsonIgnore
    public boolean isSucceeded() {
        return condition(SUCCEEDED).map(Condition::isTrue).orElse(false);
    }

    /** True once the Succeeded condition is False. */
    @JsonIgnore
    public boolean isFailed() {
        return condition(SUCCEEDED).map(Condition::isFalse).orElse(false);
    }

    private static String time(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public String getImageDigest() { return imageDigest; }
    public void setImageDigest(String imageDigest) { this.imageDigest = imageDigest; }
    public String getSourceDigest() { return sourceDigest; }
    public void setSourceDigest(String sourceDigest) { this.sourceDigest = sourceDigest; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public Boolean getCacheHit() { return cacheHit; }
    public void setCacheHit(Boolean cacheHit) { this.cacheHit = cacheHit; }
    public String getObservedRun() { return observedRun; }
    public void setObservedRun(String observedRun) { this.observedRun = observedRun; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
}
