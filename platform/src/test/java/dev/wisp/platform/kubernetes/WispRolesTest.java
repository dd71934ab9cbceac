package dev.wisp.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wisp.platform.kubernetes.WispRoles.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** WISP_ROLES / --roles parsing: role names as in deploy/roles, "all", and errors that list the valid names. */
class WispRolesTest {

    record Case(String text, Set<Role> roles) {
        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    static Stream<Case> valid() {
        return Stream.of(
                new Case("all", EnumSet.allOf(Role.class)),
                new Case("activator", EnumSet.of(Role.ACTIVATOR)),
                new Case(" Activator , autoscaler ", EnumSet.of(Role.ACTIVATOR, Role.AUTOSCALER)),
                new Case("eventing-receiver,eventing-dispatcher", EnumSet.of(Role.EVENTING_RECEIVER, Role.EVENTING_DISPATCHER)),
                new Case("controller,all", EnumSet.allOf(Role.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(Case c) {
        assertThat(WispRoles.parse(c.text()).roles()).isEqualTo(c.roles());
    }

    record Bad(String text, String message) {
        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    static Stream<Bad> invalid() {
        return Stream.of(
                new Bad("", "roles: none given"),
                new Bad("activator,dispatcher", "roles: unknown role 'dispatcher'; expected all, controller, activator"),
                new Bad("activator,,", "roles: unknown role ''"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithTheValidNames(Bad c) {
        assertThatThrownBy(() -> WispRoles.parse(c.text())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(c.message());
    }
}
