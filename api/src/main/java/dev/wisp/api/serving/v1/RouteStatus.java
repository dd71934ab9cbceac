package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.status.KnativeStatus;
import java.util.ArrayList;
import java.util.List;

/** A Route's status: its URL, address, resolved traffic and the AllTrafficAssigned condition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteStatus extends KnativeStatus {
    public static final String ALL_TRAFFIC_ASSIGNED = "AllTrafficAssigned";
    public static final String INGRESS_READY = "IngressReady";

    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic = new ArrayList<>();

    @Override
    protected List<String> readyDependents() {
        return List.of(ALL_TRAFFIC_ASSIGNED, INGRESS_READY);
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public Addressable getAddress() { return address; }
    public void setAddress(Addressable address) { this.address = address; }
    public List<TrafficTarget> getTraffic() { return traffic; }
    public void setTraffic(List<TrafficTarget> traffic) { this.traffic = traffic == null ? new ArrayList<>() : traffic; }
}
