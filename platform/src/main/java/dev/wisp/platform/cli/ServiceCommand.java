package dev.wisp.platform.cli;

import picocli.CommandLine.Command;

/** {@code wisp service ...}: commands on one Service, after {@code kn service}. */
@Command(name = "service", aliases = {"ksvc"}, mixinStandardHelpOptions = true,
        description = "Change a Service: traffic, tags, environment, image, annotations.",
        subcommands = {ServiceUpdateCommand.class})
public class ServiceCommand {
}
