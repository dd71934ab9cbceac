/**
 * Source to URL: the {@code build.wisp.dev/v1alpha1} Build controller. {@link dev.wisp.build.BuildController}
 * fetches source (Git or a local directory), builds it with a strategy (maven, node, python, command),
 * commits the result as a content-addressed bundle for the process runtime, and rolls it out to a Service.
 */
package dev.wisp.build;
