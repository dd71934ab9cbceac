package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** A Route's spec: how its traffic is split between revisions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteSpec extends UnknownFields {
    private List<TrafficTarget> traffic = new ArrayList<>();

    public List<TrafficTarget> getTraffic() { return traffic; }
    public void setTraffic(List<TrafficTarget> traffic) { this.traffic = traffic == null ? new ArrayList<>() : traffic; }
}
