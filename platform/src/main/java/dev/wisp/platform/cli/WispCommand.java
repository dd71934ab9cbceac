package dev.wisp.platform.cli;

import picocli.CommandLine.Command;

/** The top of the {@code wisp} command line. */
@Command(name = "wisp", mixinStandardHelpOptions = true, version = "wisp 0.1.0",
        description = "Serverless, scale-to-zero services with the Knative API.",
        subcommands = {UpCommand.class, ApplyCommand.class, GetCommand.class, DescribeCommand.class,
                DeleteCommand.class, LogsCommand.class, ServiceCommand.class, EventsCommand.class,
                DeployCommand.class, BuildCommand.class, RunCommand.class})
public class WispCommand {
}
