package dev.wisp.build.kubernetes;

/**
 * The images a Build's Job runs in Kubernetes mode: the Git image that fetches the source (its
 * entrypoint is {@code git}), the Maven image that builds Java with the Jib Maven plugin (at
 * {@code jibPluginVersion}), and the Kaniko executor that builds any other source from its Dockerfile.
 */
public record KubernetesBuildSettings(String gitImage, String mavenImage, String jibPluginVersion, String kanikoImage) {
    /** Public images: alpine/git, maven:3-eclipse-temurin-17, jib-maven-plugin 3.4.4, Kaniko v1.23.2. */
    public static KubernetesBuildSettings defaults() {
        return new KubernetesBuildSettings("alpine/git:2.45.2", "maven:3-eclipse-temurin-17", "3.4.4",
                "gcr.io/kaniko-project/executor:v1.23.2");
    }
}
