package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.KnativeStatus;
import java.util.List;

/** A Configuration's status: Ready plus the latest created and latest ready revision names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigurationStatus extends KnativeStatus {
    private String latestCreatedRevisionName;
    private String latestReadyRevisionName;

    @Override
    protected List<String> readyDependents() {
        return List.of();
    }

    public String getLatestCreatedRevisionName() { return latestCreatedRevisionName; }
    public void setLatestCreatedRevisionName(String v) { this.latestCreatedRevisionName = v; }
    public String getLatestReadyRevisionName() { return latestReadyRevisionName; }
    public void setLatestReadyRevisionName(String v) { this.latestReadyRevisionName = v; }
}
