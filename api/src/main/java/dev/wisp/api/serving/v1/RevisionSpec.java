package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * A Revision's spec (Knative's RevisionSpec): the PodSpec fields Wisp supports plus Knative's
 * concurrency and timeout settings. Other PodSpec fields land in {@link #getUnknownFields()} and
 * are rejected by validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"containerConcurrency", "timeoutSeconds", "responseStartTimeoutSeconds", "idleTimeoutSeconds", "containers"})
public class RevisionSpec extends UnknownFields {
    private Long containerConcurrency;
    private Long timeoutSeconds;
    private Long responseStartTimeoutSeconds;
    private Long idleTimeoutSeconds;
    private List<Container> containers = new ArrayList<>();

    public Long getContainerConcurrency() { return containerConcurrency; }
    public void setContainerConcurrency(Long containerConcurrency) { this.containerConcurrency = containerConcurrency; }
    public Long getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(Long timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
    public Long getResponseStartTimeoutSeconds() { return responseStartTimeoutSeconds; }
    public void setResponseStartTimeoutSeconds(Long v) { this.responseStartTimeoutSeconds = v; }
    public Long getIdleTimeoutSeconds() { return idleTimeoutSeconds; }
    public void setIdleTimeoutSeconds(Long idleTimeoutSeconds) { this.idleTimeoutSeconds = idleTimeoutSeconds; }
    public List<Container> getContainers() { return containers; }
    public void setContainers(List<Container> containers) { this.containers = containers == null ? new ArrayList<>() : containers; }
}
