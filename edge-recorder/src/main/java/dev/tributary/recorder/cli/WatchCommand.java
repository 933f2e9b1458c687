package dev.tributary.recorder.cli;

import dev.tributary.recorder.lerobot.DatasetWatcher;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Follows a LeRobotDataset folder that lerobot-record is writing (v3.0 or v2.1) and imports"
          + " each episode into the spool once it is complete; with --gateway, uploads alongside.",
      "Complete means: listed in a finished metadata file (v3: a meta/episodes Parquet file with"
          + " its footer, which lerobot writes when it closes the file, at the latest when the"
          + " recording ends; v2.1: a whole line of meta/episodes.jsonl), its data Parquet"
          + " readable with all its rows, every camera's video present and covering it, and"
          + " none of these files changed for --quiet. Imported episodes are remembered in"
          + " <spool>/lerobot-watch/, so a restart imports and uploads nothing twice.",
      "Runs until Ctrl-C (or after one look with --once).",
    })
final class WatchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin TransferOptions transfer;

  @Mixin DatasetOptions source;

  @Option(
      names = "--interval",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "How often to look at the folder (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--quiet",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "How long an episode's files must stay unchanged (size and modification time) before"
              + " it is imported (default: ${DEFAULT-VALUE}).")
  Duration quiet;

  @Option(
      names = "--once",
      description =
          "Look once, import what is complete now, upload it (with --gateway), then exit (for"
              + " scripts and cron).")
  boolean once;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      description = "Gateway to upload to while watching; without it episodes are only spooled.")
  URI gateway;

  @Option(
      names = "--code",
      paramLabel = "CODE",
      description = "Enrolment code; used only when no site token is stored in the spool yet.")
  String code;

  @Option(
      names = "--concurrency",
      defaultValue = "2",
      paramLabel = "N",
      description = "Episodes uploaded at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Spool spool = Spool.open(common.spool, SpoolConfig.defaults());
    DatasetWatcher watcher =
        new DatasetWatcher(source.dataset, spool, common.spool, source.site, source.rig, quiet)
            .featureKeys(source.featureKeys());
    CountDownLatch interrupted = new CountDownLatch(1);
    UploadSession session =
        gateway == null
            ? null
            : UploadSession.start(
                spool, common.spool, gateway, code, concurrency, transfer, interrupted);
    Thread hook =
        new Thread(
            () -> {
              interrupted.countDown();
              if (session != null) {
                session.close();
              }
            },
            "watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(
        "watching %s every %d ms (quiet period %d ms); imported episodes are remembered in %s%n",
        source.dataset, interval.toMillis(), quiet.toMillis(), watcher.logFile());
    WatchState state = new WatchState();
    Progress progress =
        session == null
            ? new Progress(out, () -> 0, spool::pendingBytes, state::line)
            : session.progress(out, state::line);
    long nextProgress = 0;
    int failures = 0;
    while (true) {
      DatasetWatcher.Poll poll = watcher.poll();
      poll.imported().forEach(e -> ImportCommand.printImported(out, e));
      poll.failed()
          .forEach(
              f -> out.printf("could not import episode %d: %s%n", f.episodeIndex(), f.reason()));
      failures += poll.failed().size();
      state.update(poll);
      if (!poll.waiting().equals(state.lastWaiting)) {
        poll.waiting().forEach(w -> out.println("waiting: " + w));
        state.lastWaiting = poll.waiting();
      }
      if (System.nanoTime() >= nextProgress || once) {
        progress.print();
        nextProgress = System.nanoTime() + transfer.progressEvery.toNanos();
      }
      if (once) {
        break;
      }
      if (interrupted.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        return 130;
      }
    }
    while (session != null && !spool.pendingUploads().isEmpty()) {
      // --once with a gateway: finish uploading what was imported, like `upload`.
      if (interrupted.await(transfer.progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        return 130;
      }
      progress.print();
    }
    if (session != null) {
      session.close();
      failures += (int) session.failedEpisodes();
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    return failures == 0 ? 0 : 2;
  }

  /** Counts for the progress line. */
  private static final class WatchState {
    int done;
    int waiting;
    List<String> lastWaiting = List.of();

    void update(DatasetWatcher.Poll poll) {
      done = poll.done();
      waiting = poll.waiting().size();
    }

    String line() {
      return String.format("watch | episodes done %d | waiting %d", done, waiting);
    }
  }
}
