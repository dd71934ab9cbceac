package dev.wisp.platform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wisp build logs NAME [-f]}: the log of a Build's latest run, with its step names. */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Work with builds.",
        subcommands = {BuildCommand.Logs.class})
public class BuildCommand {
    /** {@code wisp build logs NAME [-f]}. */
    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Print the log of a build's latest run; -f follows it until the run ends.")
    public static class Logs implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "The build.")
        String name;

        @Option(names = {"-f", "--follow"}, description = "Keep printing until the run ends.")
        boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            BuildFollower follower = new BuildFollower(options.client(), options.namespace, name, System.out);
            follower.printLog(follow);
            return 0;
        }
    }
}
