package dev.wisp.api.eventing.duck;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wisp.api.serving.v1.UnknownFields;

/**
 * Knative's {@code Destination}: where events go, as a {@code ref} to an addressable resource (a
 * Service), an absolute {@code uri}, or both (then {@code uri} is a path relative to the ref's URL).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ref", "uri"})
public class Destination extends UnknownFields {
    private KReference ref;
    private String uri;

    public Destination() {
    }

    public Destination(KReference ref, String uri) {
        this.ref = ref;
        this.uri = uri;
    }

    /** A destination that is just an absolute URI. */
    public static Destination ofUri(String uri) {
        return new Destination(null, uri);
    }

    public KReference getRef() { return ref; }
    public void setRef(KReference ref) { this.ref = ref; }
    public String getUri() { return uri; }
    public void setUri(String uri) { this.uri = uri; }
}
