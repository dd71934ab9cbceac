package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.KnativeStatus;
import java.util.ArrayList;
import java.util.List;

/** A Service's status: Ready from ConfigurationsReady and RoutesReady, URL, revisions and traffic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus extends KnativeStatus {
    public static final String CONFIGURATIONS_READY = "ConfigurationsReady";
    public static final String ROUTES_READY = "RoutesReady";

    private String url;
    private Addressable address;
    private String latestCreatedRevisionName;
    private String latestReadyRevisionName;
    private List<TrafficTarget> traffic = new ArrayList<>();

    @Override
    protected List<String> readyDependents() {
        return List.of(CONFIGURATIONS_READY, ROUTES_READY);
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public Addressable getAddress() { return address; }
    public void setAddress(Addressable address) { this.address = address; }
    public String getLatestCreatedRevisionName() { return latestCreatedRevisionName; }
    public void setLatestCreatedRevisionName(String v) { this.latestCreatedRevisionName = v; }
    public String getLatestReadyRevisionName() { return latestReadyRevisionName; }
    public void setLatestReadyRevisionName(String v) { this.latestReadyRevisionName = v; }
    public List<TrafficTarget> getTraffic() { return traffic; }
    public void setTraffic(List<TrafficTarget> traffic) { this.traffic = traffic == null ? new ArrayList<>() : traffic; }
}
