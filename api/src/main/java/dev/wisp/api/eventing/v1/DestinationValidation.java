package dev.wisp.api.eventing.v1;

import dev.wisp.api.eventing.duck.Destination;
import dev.wisp.api.eventing.duck.KReference;
import dev.wisp.api.serving.v1.Serving;
import dev.wisp.api.validation.FieldErrors;
import dev.wisp.api.validation.KubernetesNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Validates a Knative {@code Destination} (a subscriber or a dead-letter sink): a {@code ref} to a
 * Knative Service or Broker in the resource's own namespace, and/or a {@code uri} that is absolute
 * http(s) when there is no ref (a path relative to the ref's URL when there is one).
 */
final class DestinationValidation {
    private static final Set<String> CLOUD_FIELDS = Set.of("CACerts", "audience");

    private DestinationValidation() {
    }

    static void validate(String path, Destination destination, String namespace, FieldErrors errors) {
        if (destination == null) {
            errors.add(path, "required: set ref (a Service) or uri");
            return;
        }
        errors.unknownFields(path, destination.getUnknownFields(), CLOUD_FIELDS);
        boolean hasUri = destination.getUri() != null && !destination.getUri().isEmpty();
        if (destination.getRef() == null && !hasUri) {
            errors.add(path, "expected at least one of ref or uri, got neither");
        }
        if (destination.getRef() != null) {
            validateRef(path + ".ref", destination.getRef(), namespace, errors);
        }
        if (hasUri) {
            validateUri(path + ".uri", destination.getUri(), destination.getRef() == null, errors);
        }
    }

    private static void validateRef(String path, KReference ref, String namespace, FieldErrors errors) {
        errors.unknownFields(path, ref.getUnknownFields(), Set.of("group", "address"));
        if (isBlank(ref.getName())) {
            errors.add(path + ".name", "required");
        } else {
            KubernetesNames.dns1123LabelProblem(ref.getName()).ifPresent(p -> errors.add(path + ".name", p));
        }
        if (isBlank(ref.getKind()) || isBlank(ref.getApiVersion())) {
            if (isBlank(ref.getKind())) {
                errors.add(path + ".kind", "required");
            }
            if (isBlank(ref.getApiVersion())) {
                errors.add(path + ".apiVersion", "required");
            }
        } else if (!addressable(ref)) {
            errors.add(path, "Wisp can address a Service (" + Serving.API_VERSION + ") or a Broker ("
                    + Eventing.API_VERSION + "), got " + ref.getKind() + " (" + ref.getApiVersion() + ")");
        }
        if (!isBlank(ref.getNamespace()) && namespace != null && !ref.getNamespace().equals(namespace)) {
            errors.add(path + ".namespace", "must be the resource's own namespace \"" + namespace + "\" (cross-namespace references are not supported), got \""
                    + ref.getNamespace() + "\"");
        }
    }

    private static boolean addressable(KReference ref) {
        return (Serving.API_VERSION.equals(ref.getApiVersion()) && "Service".equals(ref.getKind()))
                || (Eventing.API_VERSION.equals(ref.getApiVersion()) && "Broker".equals(ref.getKind()));
    }

    private static void validateUri(String path, String text, boolean mustBeAbsolute, FieldErrors errors) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            errors.add(path, "not a valid URI: " + e.getMessage());
            return;
        }
        if (!mustBeAbsolute) {
            return;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || isBlank(uri.getHost())) {
            errors.add(path, "must be an absolute http or https URL such as http://127.0.0.1:9999/events, got \"" + text + "\"");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
