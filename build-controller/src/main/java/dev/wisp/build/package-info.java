/**
 * Source to URL: the {@code build.wisp.dev/v1alpha1} Build controller. {@link dev.wisp.build.BuildController}
 * fetches source (Git or a local directory), builds it with a strategy (maven, node, python, command),
 * commits the result as a content-addressed bundle for the process runtime, and rolls it out to a Service.
 * For a container-runtime target ({@code wisp.dev/runtime: container}) it also builds an OCI image with
 * Jib ({@code image}); {@code kubernetes} runs Builds as Jobs in Kubernetes mode.
 */
package dev.wisp.build;
