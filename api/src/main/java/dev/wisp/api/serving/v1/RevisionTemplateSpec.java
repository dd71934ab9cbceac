package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** {@code spec.template} of a Service or Configuration: the metadata and spec of the Revisions it stamps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionTemplateSpec extends UnknownFields {
    private ObjectMeta metadata;
    private RevisionSpec spec;

    public ObjectMeta getMetadata() { return metadata; }
    public void setMetadata(ObjectMeta metadata) { this.metadata = metadata; }
    public RevisionSpec getSpec() { return spec; }
    public void setSpec(RevisionSpec spec) { this.spec = spec; }
}
