package dev.wisp.platform;

import dev.wisp.platform.cli.UpCommand;
import dev.wisp.platform.cli.WispCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The {@code wisp} executable: runs the picocli command line inside Quarkus. Only {@code wisp up} and
 * {@code wisp run} (Kubernetes mode) listen on the API port; every other command is a client and binds nothing.
 */
@QuarkusMain
public class WispMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length > 0 && "up".equals(args[0])) {
            UpCommand.configureServer(args);
        } else if (args.length > 0 && "run".equals(args[0])) {
            // Kubernetes mode: health, metrics and the autoscaler's endpoint on QUARKUS_HTTP_HOST/PORT (8081)
            System.setProperty("quarkus.banner.enabled", "false");
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.level", "WARN");
        }
        Quarkus.run(WispMain.class, args);
    }

    @Override
    public int run(String... args) {
        OneLineErrors errors = new OneLineErrors();
        return new CommandLine(new WispCommand(), factory)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .execute(args);
    }
}
