package dev.wisp.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wisp.api.serving.v1.UnknownFields;
import java.util.List;
import java.util.Map;

/**
 * One entry of a Trigger's {@code filters} (Knative's {@code SubscriptionsAPIFilter}, the CloudEvents
 * Subscriptions API dialects): exactly one of {@code exact}, {@code prefix}, {@code suffix} (one
 * attribute each), {@code all}, {@code any}, {@code not} or {@code cesql}. An entry with none matches
 * every event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"exact", "prefix", "suffix", "all", "any", "not", "cesql"})
public class SubscriptionsApiFilter extends UnknownFields {
    private Map<String, String> exact;
    private Map<String, String> prefix;
    private Map<String, String> suffix;
    private List<SubscriptionsApiFilter> all;
    private List<SubscriptionsApiFilter> any;
    private SubscriptionsApiFilter not;
    private String cesql;

    public Map<String, String> getExact() { return exact; }
    public void setExact(Map<String, String> exact) { this.exact = exact; }
    public Map<String, String> getPrefix() { return prefix; }
    public void setPrefix(Map<String, String> prefix) { this.prefix = prefix; }
    public Map<String, String> getSuffix() { return suffix; }
    public void setSuffix(Map<String, String> suffix) { this.suffix = suffix; }
    public List<SubscriptionsApiFilter> getAll() { return all; }
    public void setAll(List<SubscriptionsApiFilter> all) { this.all = all; }
    public List<SubscriptionsApiFilter> getAny() { return any; }
    public void setAny(List<SubscriptionsApiFilter> any) { this.any = any; }
    public SubscriptionsApiFilter getNot() { return not; }
    public void setNot(SubscriptionsApiFilter not) { this.not = not; }
    public String getCesql() { return cesql; }
    public void setCesql(String cesql) { this.cesql = cesql; }
}
