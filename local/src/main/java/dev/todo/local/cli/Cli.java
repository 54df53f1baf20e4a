package dev.todo.local.cli;

import dev.todo.services.LocalServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The local cloud's command line: {@code up} starts it (and can import files as it comes up); {@code import},
 * {@code status}, {@code list}, {@code redrive} and {@code events} talk to one that is running; {@code self-test}
 * checks a machine.
 */
@Command(name = "todo-local", mixinStandardHelpOptions = true, version = "todo-local 0.1.0",
    description = "The todo service on this machine: S3, SQS and DynamoDB stand-ins, the real handlers, no Docker, no account.")
public final class Cli {

  /** The subcommands, in the order the help lists them. */
  private static final List<Class<?>> COMMANDS = List.of(Up.class, ImportCommand.class, ExportCommand.class,
      StatusCommand.class, ListCommand.class, RedriveCommand.class, EventsCommand.class, SelfTestCommand.class);

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && FastStart.COMMANDS.contains(args[0])) {
      Optional<Path> archive = FastStart.archive();
      if (archive.isPresent()) {
        System.exit(FastStart.relaunch(archive.get(), Cli.class, args));
      }
      FastStart.exitWithParent();
    }
    if (args.length > 0 && args[0].equals("up")) {
      LocalServices.prepare(); // on the other core while the command line is read
    }
    System.exit(commandLine(args.length > 0 ? args[0] : "").execute(args));
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine("");
  }

  /**
   * The command line with the subcommand named {@code first} only, or with all of them when {@code first} names none
   * (the help lists them): picocli reads every option of every subcommand it is given, 0.1-0.2 s of a start for all.
   * A user's mistake is one line and exit code 2.
   */
  static CommandLine commandLine(String first) {
    CommandLine line = new CommandLine(new Cli());
    List<Class<?>> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      line.addSubcommand(command);
    }
    return line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
  }
}
