package dev.wisp.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.eventing.v1.Broker;
import dev.wisp.api.eventing.v1.SubscriptionsApiFilter;
import dev.wisp.api.eventing.v1.Trigger;
import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.Route;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.status.Condition;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the CustomResourceDefinitions of Wisp's Knative-compatible kinds from the {@code api}
 * classes with fabric8's CRD generator, one file per CRD named {@code <plural>.<group>.yaml},
 * decorated by {@link KnativeCrdDecorations}.
 *
 * <p>{@code deploy/crds/} holds its output; {@code CrdsAreUpToDateTest} regenerates it and fails
 * when the committed files differ. To update them:
 * {@code mvn -B -o -q test -pl deploy -Dtest=CrdsAreUpToDateTest -Dwisp.updateCrds=true}.
 */
public final class KnativeCrds {
    /** The kinds that get a CRD, in the order kustomize applies them. */
    public static final List<Class<? extends HasMetadata>> KINDS = List.of(
            Service.class, Configuration.class, Revision.class, Route.class, Broker.class, Trigger.class, Build.class);

    private KnativeCrds() {
    }

    /** Writes one CRD file per kind into {@code directory} (created when missing); returns how many. */
    public static int generate(Path directory) throws IOException {
        Files.createDirectories(directory);
        return new CRDGenerator()
                .customResourceClasses(KINDS)
                .forCRDVersions("v1")
                // spec classes keep unknown fields (@JsonAnySetter) so that Wisp rejects them by name: the API server must not prune them
                .withImplicitPreserveUnknownFields(true)
                .withObjectMapper(objectMapper(), new KubernetesSerialization())
                .withPostProcessor(new KnativeCrdDecorations())
                .withOutput(new DirectoryOutput(directory))
                .generate();
    }

    /** The generator's mapper: the API's own Jackson view, plus the mix-ins the schema needs. */
    private static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .addMixIn(SubscriptionsApiFilter.class, RecursiveFilterSchema.class)
                .addMixIn(Condition.class, DerivedConditionFlags.class);
    }

    /** The file name of a CRD, {@code <plural>.<group>.yaml}, from the generator's {@code <name>-<crd version>}. */
    public static String fileName(String generatorName) {
        int dash = generatorName.lastIndexOf('-');
        return (dash < 0 ? generatorName : generatorName.substring(0, dash)) + ".yaml";
    }

    /** Writes each CRD to its own file in one directory; the generator closes each stream. */
    private record DirectoryOutput(Path directory) implements CRDGenerator.CRDOutput<OutputStream> {
        @Override
        public OutputStream outputFor(String generatorName) throws IOException {
            return Files.newOutputStream(directory.resolve(fileName(generatorName)));
        }

        @Override
        public void close() {
        }
    }

    /** Regenerates the CRDs into the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KnativeCrds <output directory>, for example deploy/crds");
        }
        int written = generate(Path.of(args[0]));
        System.out.printf("crds=%d directory=%s%n", written, args[0]);
    }
}
