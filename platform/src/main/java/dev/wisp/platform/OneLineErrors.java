package dev.wisp.platform;

import dev.wisp.platform.cli.CliException;
import picocli.CommandLine;

/**
 * Prints a command's failure as one line ({@code error: ...}) and picks its exit code: 2 for a usage
 * error (with the command whose help tells the right usage), the command's own code otherwise.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** picocli's exit code of a usage error. */
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        commandLine.getErr().println("error: " + firstLine(message));
        return ex instanceof CliException cli ? cli.exitCode() : 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        command.getErr().println("error: " + firstLine(message) + " (see: "
                + command.getCommandSpec().qualifiedName() + " --help)");
        return USAGE;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
