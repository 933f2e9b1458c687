package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.media.VideoTimestamps;
import dev.tributary.recorder.arm.ArmCalibration;
import dev.tributary.recorder.arm.ArmRecordCommandTest;
import dev.tributary.recorder.arm.ArmRecordingTest;
import dev.tributary.recorder.arm.FeetechBusEmulator;
import dev.tributary.recorder.cli.RecorderCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 18's "done means" on the real embedded stack: {@code record --arm} reads two emulated
 * SO-101 arms (Feetech buses on socat pseudo-terminals) and two FFmpeg lavfi test pictures standing
 * in for cameras, spools and uploads the episodes through the gateway, and the pipeline curates
 * them: the {@code frames} table holds the emulator's scripted positions after LeRobot's
 * calibration, with real capture times; the episodes are CAPTURE-timed, carry both videos and the
 * recorder's measured camera-to-joint sync error.
 */
class ArmRecordingEndToEndIT {
  private static final Logger LOG = LoggerFactory.getLogger(ArmRecordingEndToEndIT.class);
  private static final List<String> CAMERAS =
      List.of("observation.images.top", "observation.images.front");

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void emulatedArmsAndLavfiCamerasLandCuratedWithCaptureTimesAndTheSyncError() throws Exception {
    assumeThat(FeetechBusEmulator.socatAvailable()).as("socat not installed: skipping").isTrue();
    Path data = dir.resolve("data");
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data));
        FeetechBusEmulator follower = ArmRecordCommandTest.calibratedFollower(dir);
        FeetechBusEmulator leader = ArmRecordCommandTest.calibratedLeader(dir)) {
      AdminClient admin = new AdminClient(platform.gatewayUrl(), platform.adminToken());
      admin.ensureSite("lisbon", "Lisbon", "PT");
      Path config =
          ArmRecordCommandTest.configure(
              dir, follower.hostPort(), leader.hostPort(), platform.gatewayUrl().toString());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int exit =
          RecorderCli.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "record",
              "--arm",
              "--config",
              config.toString(),
              "--code",
              admin.enrolmentCode("lisbon"),
              "--episodes",
              "2",
              "--length",
              "4s",
              "--camera",
              "top=testsrc2=size=320x240:rate=30,front=testsrc=size=320x240:rate=30",
              "--camera-input",
              "lavfi",
              "--camera-size",
              "320x240",
              "--progress-every",
              "200ms");
      LOG.info("record --arm:\n{}", out);
      assertThat(exit).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("camera-to-joint sync median", "acknowledged 2");

      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> PlatformIT.readEpisodes(platform.lake()).size() == 2);
      List<Record> episodes = new ArrayList<>(PlatformIT.readEpisodes(platform.lake()));
      episodes.sort(Comparator.comparing(r -> r.getField("started_at").toString()));
      Map<String, List<Record>> frames = PlatformIT.framesByEpisode(platform.lake());
      ArmCalibration followerCal = ArmRecordingTest.followerCalibration(dir);
      ArmCalibration leaderCal =
          ArmCalibration.load(
              Files.writeString(
                  dir.resolve("leader-cal.json"), ArmRecordingTest.LEADER_CALIBRATION));
      ArmRecordingTest.ScriptCursor followerScript =
          new ArmRecordingTest.ScriptCursor(followerCal, ArmRecordingTest.FOLLOWER);
      ArmRecordingTest.ScriptCursor leaderScript =
          new ArmRecordingTest.ScriptCursor(leaderCal, ArmRecordingTest.LEADER);
      for (Record episode : episodes) {
        String id = (String) episode.getField("episode_id");
        List<String> reasons = (List<String>) episode.getField("reasons");
        LOG.info(
            "episode {}: {} {} sync median {} ms, max {} ms",
            id,
            episode.getField("status"),
            reasons,
            episode.getField("camera_sync_median_ms"),
            episode.getField("camera_sync_max_ms"));
        assertThat(episode.getField("status"))
            .as("verdict, reasons %s", reasons)
            .isIn("ACCEPTED", "ACCEPTED_WITH_FLAGS");
        assertThat(reasons)
            .as("the cameras were read and their videos match the recorder's frame counts")
            .noneMatch(r -> r.startsWith("video_unreadable") || r.startsWith("video_frame_count"));
        assertThat(episode.getField("timestamp_source")).isEqualTo("CAPTURE");
        assertThat(episode.getField("source")).isEqualTo("rig");
        assertThat(episode.getField("task")).isEqualTo("pick the cube");
        assertThat((List<String>) episode.getField("camera_keys"))
            .containsExactlyElementsOf(CAMERAS);
        assertThat((Double) episode.getField("camera_sync_median_ms")).isBetween(0.0, 20.0);
        assertThat((Double) episode.getField("camera_sync_max_ms")).isBetween(0.0, 250.0);

        List<Record> rows = new ArrayList<>(frames.get(id));
        rows.sort(Comparator.comparing(r -> (Integer) r.getField("sample_index")));
        assertThat(rows).hasSize((Integer) episode.getField("sample_count"));
        assertThat(rows.size()).as("4 s at 30 Hz").isBetween(60, 120);
        for (int i = 0; i < rows.size(); i++) {
          List<Float> state = (List<Float>) rows.get(i).getField("state");
          List<Float> action = (List<Float>) rows.get(i).getField("action");
          for (int j = 0; j < 6; j++) {
            followerScript.assertNext(j, state.get(j), id + " state at sample " + i);
            leaderScript.assertNext(j, action.get(j), id + " action at sample " + i);
          }
        }
        // Real capture times: ~33 ms apart but each its own, not frame_index / fps.
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
          gaps.add(
              (Long) rows.get(i).getField("capture_mono_ns")
                  - (Long) rows.get(i - 1).getField("capture_mono_ns"));
        }
        assertThat(gaps).allMatch(g -> g > 0);
        assertThat(gaps.stream().distinct().count()).isGreaterThan(10);

        List<String> videoKeys = (List<String>) episode.getField("video_keys");
        assertThat(videoKeys).hasSize(2);
        for (String key : videoKeys) {
          Path object = platform.config().objectsDir().resolve("tributary-videos").resolve(key);
          assertThat(object).as("video %s in the object store", key).isRegularFile();
          VideoTimestamps times = VideoTimestamps.read(object);
          assertThat(times.frameCount()).as(key).isBetween(60, 130);
        }
      }
    }
  }
}
