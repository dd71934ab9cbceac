package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;

/** A Git repository ({@code https://}, {@code ssh://} or {@code file://}) and the branch, tag or commit to build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitSource extends UnknownFields {
    private String url;
    private String revision;

    public GitSource() {
    }

    public GitSource(String url, String revision) {
        this.url = url;
        this.revision = revision;
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getRevision() { return revision; }
    public void setRevision(String revision) { this.revision = revision; }
}
