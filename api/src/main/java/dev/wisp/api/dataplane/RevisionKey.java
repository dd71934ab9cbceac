package dev.wisp.api.dataplane;

/** Identifies one Revision across components: its namespace and name. */
public record RevisionKey(String namespace, String name) {

    /** As the record's own, spelled out: keys are hashed several times per proxied request. */
    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(namespace) + java.util.Objects.hashCode(name);
    }
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
