/**
 * Source to URL: the {@code build.wisp.dev/v1alpha1} Build reconciler that turns source into an
 * image or a content-addressed bundle and rolls it out to a Service. Empty until the build issue:
 * no behaviour is pretended here.
 */
package dev.wisp.build;
