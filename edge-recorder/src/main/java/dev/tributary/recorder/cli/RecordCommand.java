package dev.tributary.recorder.cli;

import dev.tributary.recorder.fleet.RecorderOptions;
import dev.tributary.recorder.fleet.RecorderStatus;
import dev.tributary.recorder.fleet.SimulatedSite;
import dev.tributary.recorder.fleet.SimulatedSiteConfig;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.upload.UploaderConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Records episodes into the spool and, with --gateway, uploads them in the background.",
      "Each joint chunk and each finished video is fsynced before it counts; a recording killed"
          + " midway is salvaged on the next start. Exits when every episode is recorded and"
          + " (when uploading) acknowledged; Ctrl-C stops promptly and keeps the spool.",
    })
final class RecordCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin TransferOptions transfer;
  @Mixin ArmOptions arm;

  @Option(
      names = "--sim",
      description =
          "Record from the built-in simulated SO-101 arm with synthetic cameras (the only source"
              + " so far).")
  boolean sim;

  @Option(
      names = "--arm",
      description =
          "Record from the SO-100/SO-101 arms on --follower-port (state) and --leader-port (action),"
              + " calibrated with LeRobot's files, and the --camera devices; real capture times.")
  boolean fromArm;

  @Option(
      names = "--task",
      paramLabel = "TEXT",
      defaultValue = "",
      description =
          "Task text of the episodes recorded with --arm (e.g. 'pick the cube'); t TEXT while"
              + " recording changes it.")
  String task;

  @Option(
      names = "--interactive",
      description =
          "With --arm: each episode starts when you press Enter (instead of after --pause);"
              + " --length caps it (0s: until you stop it). Keys, each followed by Enter, in"
              + " both modes: Enter stops and keeps the episode, r stops and re-records it, d"
              + " stops and discards it, q stops, keeps it and quits, t TEXT sets the task.")
  boolean interactive;

  /** Where the keys come from; null: the terminal (stdin) when there is one. For tests. */
  java.io.Reader keyboard;

  @Option(
      names = "--rig",
      paramLabel = "RIG",
      defaultValue = "so101",
      description =
          "Rig id recorded in the manifests of --arm episodes (default: ${DEFAULT-VALUE}).")
  String rig;

  @Option(
      names = "--site",
      paramLabel = "SITE",
      description = "This site's id, as the organizer created it (e.g. lisbon).")
  String site;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      description = "Gateway to upload to while recording; without it episodes are only spooled.")
  java.net.URI gateway;

  @Option(
      names = "--code",
      paramLabel = "CODE",
      description = "Enrolment code; used only when no site token is stored in the spool yet.")
  String code;

  @Option(
      names = "--episodes",
      defaultValue = "1",
      paramLabel = "N",
      description = "Episodes to record; 0 records until stopped (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--length",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Length of each episode, e.g. 10s or 1m (default: ${DEFAULT-VALUE}).")
  Duration length;

  @Option(
      names = "--pause",
      defaultValue = "0s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Pause between episodes (default: ${DEFAULT-VALUE}).")
  Duration pause;

  @Option(
      names = "--cameras",
      defaultValue = "2",
      paramLabel = "N",
      description = "Simulated cameras, 0-3: top, front, wrist (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(
      names = "--width",
      defaultValue = "640",
      paramLabel = "PX",
      description = "Camera width in pixels, even (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--height",
      defaultValue = "480",
      paramLabel = "PX",
      description = "Camera height in pixels, even (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(
      names = "--fps",
      defaultValue = "30",
      paramLabel = "FPS",
      description = "Camera frame rate (default: ${DEFAULT-VALUE}).")
  int fps;

  @Option(
      names = "--joint-hz",
      defaultValue = "30",
      paramLabel = "HZ",
      description = "Joint sampling rate (default: ${DEFAULT-VALUE}).")
  int jointHz;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Seed of the simulated motion; episode ids derive from (site, seed, index), so the same"
              + " seed re-creates the same episodes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--fast",
      description =
          "Record as fast as the CPU allows with nominal timestamps instead of in real time.")
  boolean fast;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      defaultValue = "",
      description =
          "Defects to inject for curation tests, comma-separated: jitter=<ms>ms (timestamp noise),"
              + " drop=<0..1> (dropped video frames), frozen (first camera freezes), dark (first"
              + " camera dark), blur (first camera out of focus), saturation (elbow pinned), idle"
              + " (arm still for a quarter),"
              + " fraction=<0..1> (share of episodes affected). Default: none.")
  String faults;

  @Option(
      names = "--spool-quota",
      defaultValue = "8GiB",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "Above this much unacknowledged data new recordings are refused (uploads continue)"
              + " (default: ${DEFAULT-VALUE}).")
  long quota;

  @Option(
      names = "--min-free",
      defaultValue = "256MiB",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "New recordings are also refused when the disk has less free space (default: ${DEFAULT-VALUE}).")
  long minFree;

  @Option(
      names = "--concurrency",
      defaultValue = "2",
      paramLabel = "N",
      description = "Episodes uploaded at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    if (site == null || site.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "name this site: --site SITE, TRIBUTARY_RECORDER_SITE or site= in the config file");
    }
    var out = spec.commandLine().getOut();
    if (fromArm) {
      return ArmRecording.run(
          out,
          arm,
          transfer,
          new ArmRecording.Request(
              site,
              rig,
              task,
              common.spool,
              gateway,
              code,
              concurrency,
              episodes,
              length,
              pause,
              jointHz,
              new SpoolConfig(quota, minFree),
              interactive),
          keyboard());
    }
    if (!sim) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "record needs a source: --arm (the SO-100/SO-101 arms) or --sim (the simulator); for"
              + " LeRobot datasets use `import PATH` or `watch PATH`");
    }
    SimulatedSiteConfig config =
        new SimulatedSiteConfig(
            site,
            gateway,
            code,
            common.spool,
            episodes,
            length,
            pause,
            cameras,
            width,
            height,
            fps,
            jointHz,
            seed,
            !fast);
    RecorderOptions options =
        RecorderOptions.defaults()
            .withSpool(new SpoolConfig(quota, minFree))
            .withUploader(transfer.applyTo(UploaderConfig.defaults().withConcurrency(concurrency)))
            .withFaults(SimFaults.parse(faults));
    SimulatedSite running = SimulatedSite.start(config, options);
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              interrupted.countDown();
              running.close();
            },
            "recorder-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress =
        new Progress(
            out,
            running::bytesSent,
            () -> running.spool().pendingBytes(),
            () -> {
              RecorderStatus s = running.status();
              return String.format(
                  "site %s | spooled %d | uploading %d | acknowledged %d | retrying %d | failed %d%s",
                  site,
                  s.spooled(),
                  s.uploading(),
                  s.acknowledged(),
                  s.retrying(),
                  running.failedEpisodes().size(),
                  running.recordingRefusal().map(r -> " | RECORDING REFUSED: " + r).orElse(""));
            });
    while (!done(running)) {
      if (interrupted.await(transfer.progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        return 130;
      }
      progress.print();
      if (running.enrolmentFailure().isPresent()) {
        out.println("cannot upload: " + running.enrolmentFailure().get());
      }
    }
    progress.print();
    running.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    running
        .failedEpisodes()
        .forEach(f -> out.println("rejected: episode " + f.episodeId() + ": " + f.reason()));
    return running.failedEpisodes().isEmpty() ? 0 : 2;
  }

  private KeyboardControl keyboard() {
    if (keyboard != null) {
      return KeyboardControl.reading(keyboard);
    }
    if (interactive || System.console() != null) {
      return KeyboardControl.reading(
          new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()));
    }
    return KeyboardControl.none();
  }

  private boolean done(SimulatedSite running) {
    if (!running.recordingFinished()) {
      return false;
    }
    return gateway == null || running.spool().pendingUploads().isEmpty();
  }
}
