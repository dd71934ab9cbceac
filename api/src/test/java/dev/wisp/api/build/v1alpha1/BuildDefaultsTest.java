package dev.wisp.api.build.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import org.junit.jupiter.api.Test;

class BuildDefaultsTest {
    @Test
    void defaultsStrategyTargetNamespaceAndContextDir() {
        Build build = new Build();
        build.setMetadata(new ObjectMeta());
        build.getMetadata().setName("web");
        build.getSpec().setSource(new BuildSource());
        build.getSpec().getSource().setContextDir("./app/");

        BuildDefaults.apply(build);

        assertThat(build.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(build.getSpec().getStrategy()).isEqualTo("auto");
        assertThat(build.getSpec().getTarget().getService()).isEqualTo("web");
        assertThat(build.getSpec().getSource().getContextDir()).isEqualTo("app");
    }
}
