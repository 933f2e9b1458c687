package dev.tributary.recorder.cli;

import dev.tributary.recorder.arm.ArmCalibration;
import dev.tributary.recorder.arm.ArmRecorder;
import dev.tributary.recorder.arm.FeetechBus;
import dev.tributary.recorder.arm.So101Arm;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code record --arm}: episodes from the real (or emulated) arms, uploaded alongside. */
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
      SpoolConfig spoolConfig) {}

  static int run(PrintWriter out, ArmOptions arm, TransferOptions transfer, Request request)
      throws Exception {
    if (arm.followerPort == null) {
      throw new IllegalArgumentException(
          "record --arm needs the follower's serial port: --follower-port PORT or follower-port="
              + " in the config file (`doctor` lists the serial ports)");
    }
    ArmCalibration followerCalibration = ArmCalibration.load(arm.followerCalibration());
    ArmCalibration leaderCalibration =
        arm.leaderPort == null ? null : ArmCalibration.load(arm.leaderCalibration());
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
      ArmRecorder recorder =
          new ArmRecorder(
              new ArmRecorder.Config(
                  request.site(),
                  request.rig(),
                  request.task(),
                  request.hz(),
                  request.length(),
                  Duration.ofMillis(500)),
              follower,
              leader,
              out::println);
      int failedEpisodes = 0;
      try {
        for (int i = 0; request.episodes() == 0 || i < request.episodes(); i++) {
          out.printf(
              "episode %d: recording %d s … (Ctrl-C stops and keeps it)%n",
              i + 1, request.length().toSeconds());
          ArmRecorder.Outcome outcome = recorder.record(spool, () -> interrupted.getCount() == 0);
          out.printf(
              "episode %d: %s, %d samples, %d bus transactions retried, %d samples dropped: %s%n",
              i + 1,
              outcome.episodeId() == null ? "nothing kept" : outcome.episodeId(),
              outcome.samples(),
              outcome.retriedTransactions(),
              outcome.droppedSamples(),
              outcome.message());
          if (outcome.end() != ArmRecorder.End.COMPLETE) {
            failedEpisodes += outcome.end() == ArmRecorder.End.BUS_FAILED ? 1 : 0;
            break;
          }
          if (interrupted.await(request.pause().toMillis(), TimeUnit.MILLISECONDS)) {
            break;
          }
        }
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
