package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of {@code spec.traffic} / {@code status.traffic}: where a share of a route's traffic goes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tag", "revisionName", "configurationName", "latestRevision", "percent", "url"})
public class TrafficTarget extends UnknownFields {
    private String tag;
    private String revisionName;
    private String configurationName;
    private Boolean latestRevision;
    private Long percent;
    private String url;

    public TrafficTarget() {
    }

    public TrafficTarget(String revisionName, String configurationName, Boolean latestRevision, Long percent, String tag) {
        this.revisionName = revisionName;
        this.configurationName = configurationName;
        this.latestRevision = latestRevision;
        this.percent = percent;
        this.tag = tag;
    }

    public String getTag() { return tag; }
    public void setTag(String tag) { this.tag = tag; }
    public String getRevisionName() { return revisionName; }
    public void setRevisionName(String revisionName) { this.revisionName = revisionName; }
    public String getConfigurationName() { return configurationName; }
    public void setConfigurationName(String configurationName) { this.configurationName = configurationName; }
    public Boolean getLatestRevision() { return latestRevision; }
    public void setLatestRevision(Boolean latestRevision) { this.latestRevision = latestRevision; }
    public Long getPercent() { return percent; }
    public void setPercent(Long percent) { this.percent = percent; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
}
