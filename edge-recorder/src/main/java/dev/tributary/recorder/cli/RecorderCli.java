package dev.tributary.recorder.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tributary-recorder}: enrol a site, record (simulated) episodes into the durable spool,
 * upload them exactly once, and show where each episode stands.
 */
@Command(
    name = "tributary-recorder",
    mixinStandardHelpOptions = true,
    version = "tributary-recorder 0.1.0",
    header = "Record, import and upload episodes at a site (the participants' CLI).",
    description = {
      "Records robot-demonstration episodes at a site into a crash-safe local spool and uploads"
          + " each one exactly once to a Tributary ingest gateway.",
      "",
      "Typical use: enroll once with the code from the organizer, then record, import a"
          + " LeRobotDataset folder or watch one while lerobot-record writes it (uploads run in"
          + " the background and catch up after outages or restarts).",
    },
    subcommands = {
      EnrollCommand.class,
      RecordCommand.class,
      ImportCommand.class,
      WatchCommand.class,
      UploadCommand.class,
      StatusCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RecorderCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: enroll, record, import, watch, upload or status (see --help)");
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RecorderCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // One line for the user, not a stack trace: every failure we expect has a message.
          commandLine.getErr().println("error: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getMessage() == null && root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
