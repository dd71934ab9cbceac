package dev.wisp.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StepFailureMessageTest {
    private static final String WORK = "/state/builds/work/default/hello-java/src";
    private static final SourcePaths PATHS = new SourcePaths(List.of(WORK, "/real" + WORK));
    private static final String ESC = "\u001B";

    record Case(String name, String step, String output, String firstLine, List<String> contains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("javac error through maven, coloured, in the work copy", "mvn -B -q package", """
                        %s[1;31m[ERROR] COMPILATION ERROR : %s[m
                        [ERROR] %s/src/main/java/hello/JavaHello.java:[12,9] ')' expected
                        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile \
                        (default-compile) on project java-hello: Compilation failure
                        [ERROR] /real%s/src/main/java/hello/JavaHello.java:[12,9] ')' expected
                        [ERROR]
                        [ERROR] -> [Help 1]
                        [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                        """.formatted(ESC, ESC, WORK, WORK),
                        "src/main/java/hello/JavaHello.java:[12,9] ')' expected",
                        List.of("step \"mvn -B -q package\" exited with 1:", "Compilation failure",
                                "[ERROR] src/main/java/hello/JavaHello.java:[12,9] ')' expected")),
                new Case("maven dependency failure without a file", "mvn -B -q package", """
                        [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project x:app:jar:1
                        [ERROR] -> [Help 1]
                        """,
                        "Failed to execute goal on project app: Could not resolve dependencies for project x:app:jar:1",
                        List.of("exited with 1:")),
                new Case("npm 10 error names the package, not the code", "npm ci", """
                        npm error code E404
                        npm error 404 Not Found - GET https://registry.npmjs.org/nosuchpkg - Not found
                        npm error A complete log of this run can be found in: /root/.npm/_logs/x.log
                        """,
                        "npm error 404 Not Found - GET https://registry.npmjs.org/nosuchpkg - Not found",
                        List.of("npm error code E404")),
                new Case("typescript error with a location in the work copy", "npm run build", """
                        > app@1.0.0 build
                        > tsc
                        %s/src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.
                        """.formatted(WORK),
                        "src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
                        List.of("exited with 1:")),
                new Case("pip cannot find a requirement", "pip install -r requirements.txt", """
                        Collecting nosuchpkg==1.0
                        ERROR: Could not find a version that satisfies the requirement nosuchpkg==1.0 (from versions: none)
                        ERROR: No matching distribution found for nosuchpkg==1.0
                        """,
                        "ERROR: Could not find a version that satisfies the requirement nosuchpkg==1.0 (from versions: none)",
                        List.of("ERROR: No matching distribution found for nosuchpkg==1.0")),
                new Case("no error lines: the last line leads, the last lines follow", "make", """
                        building
                        something went wrong here
                        """,
                        "something went wrong here", List.of("building\nsomething went wrong here")),
                new Case("no output at all", "false", "\n", "step \"false\" exited with 1 and printed nothing", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leadsWithTheFirstErrorAndShowsPathsInTheSource(Case c) {
        String message = StepFailureMessage.of(c.step(), 1, c.output(), PATHS);

        assertThat(message.lines().findFirst()).hasValue(c.firstLine());
        c.contains().forEach(part -> assertThat(message).contains(part));
        assertThat(message).doesNotContain(WORK).doesNotContain(ESC).doesNotContain("[Help 1]");
        assertThat(message.lines().skip(1).toList()).doesNotHaveDuplicates();
    }
}
