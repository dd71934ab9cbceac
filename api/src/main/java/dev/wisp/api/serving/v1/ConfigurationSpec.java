package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Configuration's spec: the template of its Revisions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigurationSpec extends UnknownFields {
    private RevisionTemplateSpec template;

    public RevisionTemplateSpec getTemplate() { return template; }
    public void setTemplate(RevisionTemplateSpec template) { this.template = template; }
}
