package dev.tributary.launcher;

import dev.tributary.recorder.cli.RecorderCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the `tributary` command: only parses arguments and turns failures into one line.
 */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    version = "Tributary 0.1.0-SNAPSHOT",
    description =
        "Robot demonstrations from many sites into one curated, queryable Iceberg corpus.",
    subcommands = {
      RunCommand.class,
      dev.tributary.launcher.service.GatewayCommand.class,
      dev.tributary.launcher.service.PipelineCommand.class,
      dev.tributary.launcher.service.CatalogCommand.class,
      QueryCommand.class,
      TrainingSetCli.class,
      ExportCli.class,
      CommandLine.HelpCommand.class
    })
public final class TributaryCli {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new TributaryCli());
    // The participants' recorder, also installed on its own as ./edge-recorder.
    cli.addSubcommand("recorder", new CommandLine(new RecorderCli()));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("tributary: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  /** The innermost useful message, without a stack trace. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
