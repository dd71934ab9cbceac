package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** A Service's spec: a Configuration template and a Route traffic split, inlined as Knative does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec extends UnknownFields {
    private RevisionTemplateSpec template;
    private List<TrafficTarget> traffic = new ArrayList<>();

    public RevisionTemplateSpec getTemplate() { return template; }
    public void setTemplate(RevisionTemplateSpec template) { this.template = template; }
    public List<TrafficTarget> getTraffic() { return traffic; }
    public void setTraffic(List<TrafficTarget> traffic) { this.traffic = traffic == null ? new ArrayList<>() : traffic; }
}
