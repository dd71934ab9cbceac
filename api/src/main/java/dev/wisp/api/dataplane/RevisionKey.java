package dev.wisp.api.dataplane;

/** Identifies one Revision across components: its namespace and name. */
public record RevisionKey(String namespace, String name) {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
