package dev.tributary.recorder.cli;

import dev.tributary.recorder.arm.ArmCalibration;
import dev.tributary.recorder.arm.ArmRecorder;
import dev.tributary.recorder.arm.FeetechBus;
import dev.tributary.recorder.arm.So101Arm;
import dev.tributary.recorder.camera.CameraRig;
import dev.tributary.recorder.camera.CameraSource;
import dev.tributary.recorder.camera.SyncMeasure;
import dev.tributary.recorder.cli.KeyboardControl.Key;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.schema.VideoSegment;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code record --arm}: episodes from the real (or emulated) arms and cameras, uploaded alongside.
 * Episodes run back to back ({@code --episodes}, {@code --length}, {@code --pause}) or, with {@code
 * --interactive}, start on Enter; in both, the keys of {@link KeyboardControl} stop, re-record or
 * discard the episode being recorded.
 */
final class ArmRecording {
  /** As lerobot's scservo_sdk: twice the USB adapter's 16 ms latency timer plus margin. */
  static final int REPLY_TIMEOUT_MILLIS = 35;

  private ArmRecording() {}

  record Request(
      String site,
      String rig,
      String task,
      Path spoolDir,
      URI gateway,
      String code,
      int concurrency,
      int episodes,
      Duration length,
      Duration pause,
      int hz,
      SpoolConfig spoolConfig,
      boolean interactive) {}

  static int run(
      PrintWriter out,
      ArmOptions arm,
      TransferOptions transfer,
      Request request,
      KeyboardControl keys)
      throws Exception {
    if (arm.followerPort == null) {
      throw new IllegalArgumentException(
          "record --arm needs the follower's serial port: --follower-port PORT or follower-port="
              + " in the config file (`doctor` lists the serial ports)");
    }
    ArmCalibration followerCalibration = ArmCalibration.load(arm.followerCalibration());
    ArmCalibration leaderCalibration =
        arm.leaderPort == null ? null : ArmCalibration.load(arm.leaderCalibration());
    List<CameraSource> cameraSources = CameraSource.parse(arm.cameras);
    Spool spool = Spool.open(request.spoolDir(), request.spoolConfig());
    CountDownLatch interrupted = new CountDownLatch(1);
    try (FeetechBus followerBus = FeetechBus.open(arm.followerPort, REPLY_TIMEOUT_MILLIS);
        FeetechBus leaderBus =
            arm.leaderPort == null ? null : FeetechBus.open(arm.leaderPort, REPLY_TIMEOUT_MILLIS)) {
      So101Arm follower = new So101Arm("follower", followerBus, followerCalibration);
      So101Arm leader =
          leaderBus == null ? null : new So101Arm("leader", leaderBus, leaderCalibration);
      follower.verify();
      if (leader != null) {
        leader.verify();
      }
      try (CameraRig cameras =
          cameraSources.isEmpty()
              ? CameraRig.none()
              : CameraRig.open(cameraSources, arm.cameraSettings())) {
        UploadSession uploads =
            request.gateway() == null
                ? null
                : UploadSession.start(
                    spool,
                    request.spoolDir(),
                    request.gateway(),
                    request.code(),
                    request.concurrency(),
                    transfer,
                    interrupted);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: end the episode in progress and let it be committed before the JVM exits.
        Thread hook =
            new Thread(
                () -> {
                  interrupted.countDown();
                  try {
                    finished.await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "arm-recording-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int failedEpisodes = 0;
        try {
          Session session =
              new Session(out, request, keys, interrupted, spool, follower, leader, cameras);
          failedEpisodes += session.run();
          if (uploads != null) {
            Progress progress = uploads.progress(out, () -> "site " + request.site());
            while (!spool.pendingUploads().isEmpty()
                && !interrupted.await(transfer.progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
              progress.print();
            }
            progress.print();
            failedEpisodes += (int) uploads.failedEpisodes();
          }
        } finally {
          finished.countDown();
          if (uploads != null) {
            uploads.close();
          }
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already exiting
          }
        }
        return failedEpisodes == 0 ? 0 : 2;
      }
    }
  }

  /** The loop over episodes: when each starts, what the keys decide, what is printed. */
  private static final class Session {
    private final PrintWriter out;
    private final Request request;
    private final KeyboardControl keys;
    private final CountDownLatch interrupted;
    private final Spool spool;
    private final So101Arm follower;
    private final So101Arm leader;
    private final CameraRig cameras;
    private String task;

    Session(
        PrintWriter out,
        Request request,
        KeyboardControl keys,
        CountDownLatch interrupted,
        Spool spool,
        So101Arm follower,
        So101Arm leader,
        CameraRig cameras) {
      this.out = out;
      this.request = request;
      this.keys = keys;
      this.interrupted = interrupted;
      this.spool = spool;
      this.follower = follower;
      this.leader = leader;
      this.cameras = cameras;
      this.task = request.task();
    }

    private boolean interrupted() {
      return interrupted.getCount() == 0;
    }

    /** Records until the episodes are done or the operator quits; returns failed episodes. */
    int run() throws Exception {
      int failed = 0;
      int attempt = 1; // --episodes counts attempts: a re-record repeats one, a discard uses it
      boolean first = true;
      while (request.episodes() == 0 || attempt <= request.episodes()) {
        if (!first && !request.interactive() && pause()) {
          break;
        }
        first = false;
        if (request.interactive() && !awaitStart(attempt)) {
          break;
        }
        out.printf(
            "episode %d: recording %s, task \"%s\" … (%s)%n",
            attempt,
            request.length().isZero() ? "until stopped" : request.length().toSeconds() + " s",
            task,
            keys.listening()
                ? KeyboardControl.HELP + "; Ctrl-C stops and keeps it"
                : "Ctrl-C stops and keeps it");
        AtomicReference<Key> decision = new AtomicReference<>();
        ArmRecorder.Take take = recorder().take(spool, () -> stopRequested(decision));
        Key key = decision.get();
        if (key == Key.RERECORD || key == Key.DISCARD) {
          take.discard();
          out.printf(
              "episode %d: discarded (%d samples)%s%n",
              attempt, take.outcome().samples(), key == Key.RERECORD ? "; recording it again" : "");
          attempt += key == Key.DISCARD ? 1 : 0;
          continue;
        }
        ArmRecorder.Outcome outcome = take.keep();
        report(attempt, outcome);
        attempt++;
        if (outcome.end() == ArmRecorder.End.BUS_FAILED
            || outcome.end() == ArmRecorder.End.CAMERA_FAILED) {
          failed++;
          break;
        }
        if (key == Key.QUIT || interrupted()) {
          break;
        }
      }
      return failed;
    }

    private ArmRecorder recorder() {
      Duration length = request.length().isZero() ? Duration.ofHours(24) : request.length();
      return new ArmRecorder(
          new ArmRecorder.Config(
              request.site(), request.rig(), task, request.hz(), length, Duration.ofMillis(500)),
          follower,
          leader,
          cameras,
          out::println);
    }

    /** Polled by the recording loop: a key that ends the episode, or Ctrl-C. */
    private boolean stopRequested(AtomicReference<Key> decision) {
      if (interrupted()) {
        return true;
      }
      KeyboardControl.Command command;
      while ((command = keys.poll()) != null) {
        switch (command.key()) {
          case ENTER, RERECORD, DISCARD, QUIT -> {
            decision.set(command.key());
            return true;
          }
          case TASK -> {
            task = command.text();
            out.printf("task of the next episodes: \"%s\"%n", task);
          }
          case UNKNOWN -> out.println("'" + command.text() + "'? " + KeyboardControl.HELP);
          case END_OF_INPUT -> {
            // no more keys: the episode runs to its length
          }
        }
      }
      return false;
    }

    /** The reset time between timed episodes; keys other than q are ignored. True: quit. */
    private boolean pause() throws InterruptedException {
      if (request.pause().isZero()) {
        return interrupted();
      }
      out.printf("reset the scene: next episode in %d s%n", request.pause().toSeconds());
      return interrupted.await(request.pause().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interactive: waits for Enter (true) or q / end of input / Ctrl-C (false). */
    private boolean awaitStart(int attempt) throws InterruptedException {
      out.printf(
          "episode %d, task \"%s\": Enter starts, t TEXT changes the task, q quits%n",
          attempt, task);
      while (!interrupted()) {
        KeyboardControl.Command command = keys.await(100);
        if (command == null) {
          continue;
        }
        switch (command.key()) {
          case ENTER -> {
            return true;
          }
          case QUIT, END_OF_INPUT -> {
            return false;
          }
          case TASK -> {
            task = command.text();
            out.printf("episode %d, task \"%s\": Enter starts%n", attempt, task);
          }
          default -> out.println("not recording: Enter starts, t TEXT changes the task, q quits");
        }
      }
      return false;
    }

    private void report(int attempt, ArmRecorder.Outcome outcome) {
      out.printf(
          "episode %d: %s, %d samples, %d bus transactions retried, %d samples dropped: %s%n",
          attempt,
          outcome.episodeId() == null ? "nothing kept" : outcome.episodeId(),
          outcome.samples(),
          outcome.retriedTransactions(),
          outcome.droppedSamples(),
          outcome.message());
      for (VideoSegment video : outcome.videos()) {
        out.printf(
            "episode %d: %s %d frames, camera-to-joint sync %s%n",
            attempt,
            video.getCameraKey(),
            video.getFrameCount(),
            video.getJointSync() == null
                ? "not measured"
                : SyncMeasure.describe(video.getJointSync()));
      }
    }
  }
}
