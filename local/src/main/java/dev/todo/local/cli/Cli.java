package dev.todo.local.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The local cloud's command line: {@code up} starts it (and can import files as it comes up); {@code import},
 * {@code status}, {@code list}, {@code redrive} and {@code events} talk to one that is running; {@code self-test}
 * checks a machine.
 */
@Command(name = "todo-local", mixinStandardHelpOptions = true, version = "todo-local 0.1.0",
    description = "The todo service on this machine: S3, SQS and DynamoDB stand-ins, the real handlers, no Docker, no account.",
    subcommands = {Up.class, ImportCommand.class, ExportCommand.class, StatusCommand.class, ListCommand.class, RedriveCommand.class,
        EventsCommand.class, SelfTestCommand.class})
public final class Cli {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && FastStart.COMMANDS.contains(args[0])) {
      Optional<Path> archive = FastStart.archive();
      if (archive.isPresent()) {
        System.exit(FastStart.relaunch(archive.get(), Cli.class, args));
      }
      FastStart.exitWithParent();
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: a user's mistake is one line and exit code 2. */
  static CommandLine commandLine() {
    return new CommandLine(new Cli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
  }
}
