package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.KnativeStatus;
import java.util.List;

/**
 * A Revision's status: Ready from ResourcesAvailable and ContainerHealthy; Active (informational)
 * says whether it has instances; replica counts as Knative reports them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionStatus extends KnativeStatus {
    public static final String RESOURCES_AVAILABLE = "ResourcesAvailable";
    public static final String CONTAINER_HEALTHY = "ContainerHealthy";
    public static final String ACTIVE = "Active";

    private Integer actualReplicas;
    private Integer desiredReplicas;
    private String logUrl;

    @Override
    protected List<String> readyDependents() {
        return List.of(RESOURCES_AVAILABLE, CONTAINER_HEALTHY);
    }

    public Integer getActualReplicas() { return actualReplicas; }
    public void setActualReplicas(Integer actualReplicas) { this.actualReplicas = actualReplicas; }
    public Integer getDesiredReplicas() { return desiredReplicas; }
    public void setDesiredReplicas(Integer desiredReplicas) { this.desiredReplicas = desiredReplicas; }
    public String getLogUrl() { return logUrl; }
    public void setLogUrl(String logUrl) { this.logUrl = logUrl; }
}
