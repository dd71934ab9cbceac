package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;

/** Where a Build's image goes: an image name (registry/repository) for the container runtime and Kubernetes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildOutput extends UnknownFields {
    private String image;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
}
