package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;

/** The Service (in the Build's namespace) whose template a successful Build updates; created when missing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildTarget extends UnknownFields {
    private String service;

    public BuildTarget() {
    }

    public BuildTarget(String service) {
        this.service = service;
    }

    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
}
