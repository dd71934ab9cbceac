package dev.wisp.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Knative's duck-typed address ({@code status.address.url}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Addressable {
    private String url;

    public Addressable() {
    }

    public Addressable(String url) {
        this.url = url;
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
}
