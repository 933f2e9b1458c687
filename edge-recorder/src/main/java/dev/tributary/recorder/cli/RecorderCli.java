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
      "Settings used on every command (gateway, site, spool, follower-port, …) can live in"
          + " ~/.config/tributary/recorder.properties (or --config FILE, $TRIBUTARY_RECORDER_CONFIG),"
          + " one option name per line without the dashes, e.g. gateway=https://…; or in"
          + " TRIBUTARY_RECORDER_<OPTION> variables. The command line wins, then the environment,"
          + " then the file.",
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
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RecorderCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--config",
      paramLabel = "FILE",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Settings file (default: $TRIBUTARY_RECORDER_CONFIG, else"
              + " ~/.config/tributary/recorder.properties when it exists).")
  java.nio.file.Path config;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: enroll, record, import, watch, upload, status or doctor (see --help)");
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(null, out, err, args);
  }

  /**
   * Like {@link #run(PrintWriter, PrintWriter, String...)} with the operator's keys of {@code
   * record --arm} read from {@code keyboard} (null: the terminal).
   */
  public static int run(java.io.Reader keyboard, PrintWriter out, PrintWriter err, String... args) {
    return run(
        keyboard,
        out,
        err,
        System.getenv(),
        java.nio.file.Path.of(System.getProperty("user.home")),
        args);
  }

  /** Like {@link #run(PrintWriter, PrintWriter, String...)} with a given environment and home. */
  static int run(
      PrintWriter out,
      PrintWriter err,
      java.util.Map<String, String> env,
      java.nio.file.Path home,
      String... args) {
    return run(null, out, err, env, home, args);
  }

  private static int run(
      java.io.Reader keyboard,
      PrintWriter out,
      PrintWriter err,
      java.util.Map<String, String> env,
      java.nio.file.Path home,
      String... args) {
    CommandLine cli = new CommandLine(new RecorderCli());
    RecorderSettings settings;
    try {
      settings = RecorderSettings.load(RecorderSettings.configArgument(args), env, home);
    } catch (java.io.IOException | RuntimeException e) {
      err.println("error: " + oneLine(e));
      return 2;
    }
    java.util.Set<String> unknown = settings.unknownKeys(cli.getCommandSpec());
    if (!unknown.isEmpty()) {
      err.println(
          "error: "
              + settings.source().map(Object::toString).orElse("config")
              + ": unknown key(s) "
              + unknown
              + ": keys are option names without the dashes (gateway, site, spool,"
              + " follower-port, …), optionally prefixed by a command (record.length)");
      return 2;
    }
    cli.setDefaultValueProvider(settings);
    ((DoctorCommand) cli.getSubcommands().get("doctor").getCommand()).settings = settings;
    ((RecordCommand) cli.getSubcommands().get("record").getCommand()).keyboard = keyboard;
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
