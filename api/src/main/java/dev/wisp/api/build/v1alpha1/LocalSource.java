package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;

/** A directory on the machine that runs standalone Wisp, copied before each build (absolute path). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalSource extends UnknownFields {
    private String path;

    public LocalSource() {
    }

    public LocalSource(String path) {
        this.path = path;
    }

    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
}
