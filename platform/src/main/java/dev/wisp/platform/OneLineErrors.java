package dev.wisp.platform;

import dev.wisp.platform.cli.CliException;
import picocli.CommandLine;

/** Prints a command's failure as one line ({@code error: ...}) and picks its exit code. */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        commandLine.getErr().println("error: " + message.lines().findFirst().orElse(message));
        return ex instanceof CliException cli ? cli.exitCode() : 1;
    }
}
