package dev.tributary.recorder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.recorder.testing.Mp4Probe;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedRigTest {
  @TempDir Path dir;

  private static SimRigConfig config(String site, int cameras) {
    return new SimRigConfig(site, "rig-1", cameras, 160, 120, 15, 30, false, Duration.ofSeconds(1));
  }

  @Test
  void theSameSiteSeedAndIndexProduceTheSameEpisodeIdAndJointValues() throws Exception {
    SimulatedRig rig = new SimulatedRig(config("lisbon", 0));
    Spool first = Spool.open(dir.resolve("a"), SpoolConfig.defaults());
    Spool second = Spool.open(dir.resolve("b"), SpoolConfig.defaults());
    EpisodeCommit a = rig.record(first, 42, 3, Duration.ofSeconds(3), () -> false);
    EpisodeCommit b =
        new SimulatedRig(config("lisbon", 0))
            .record(second, 42, 3, Duration.ofSeconds(3), () -> false);

    assertThat(a.getEpisodeId())
        .isEqualTo(b.getEpisodeId())
        .isEqualTo(SimulatedRig.episodeId("lisbon", 42, 3));
    assertThat(a.getContentSha256()).isEqualTo(b.getContentSha256());
    assertThat(a.getSampleCount()).isEqualTo(90);
    assertThat(a.getChunkCount()).isEqualTo(3);
    SpooledEpisode episode = first.read(a.getEpisodeId());
    assertThat(episode.chunks().get(1).getState())
        .isEqualTo(second.read(b.getEpisodeId()).chunks().get(1).getState());
  }

  @Test
  void aFastReRunWithTheSameSeedSpoolsByteIdenticalRecordsAndVideos() throws Exception {
    Spool first = Spool.open(dir.resolve("a"), SpoolConfig.defaults());
    Spool second = Spool.open(dir.resolve("b"), SpoolConfig.defaults());
    EpisodeCommit a =
        new SimulatedRig(config("lisbon", 1))
            .record(first, 9, 2, Duration.ofSeconds(2), () -> false);
    EpisodeCommit b =
        new SimulatedRig(config("lisbon", 1))
            .record(second, 9, 2, Duration.ofSeconds(2), () -> false);

    Path segmentA =
        dir.resolve("a/episodes").resolve(a.getEpisodeId().toString()).resolve("records.seg");
    Path segmentB =
        dir.resolve("b/episodes").resolve(b.getEpisodeId().toString()).resolve("records.seg");
    assertThat(java.nio.file.Files.readAllBytes(segmentA))
        .isEqualTo(java.nio.file.Files.readAllBytes(segmentB));
    assertThat(
            first
                .read(a.getEpisodeId().toString())
                .videos()
                .get("observation.images.top")
                .getSha256())
        .isEqualTo(
            second
                .read(b.getEpisodeId().toString())
                .videos()
                .get("observation.images.top")
                .getSha256());
  }

  @Test
  void aDifferentSeedIndexOrSiteGivesDifferentEpisodes() {
    assertThat(SimulatedRig.episodeId("lisbon", 42, 0))
        .isNotEqualTo(SimulatedRig.episodeId("lisbon", 42, 1));
    assertThat(SimulatedRig.episodeId("lisbon", 42, 0))
        .isNotEqualTo(SimulatedRig.episodeId("lisbon", 43, 0));
    assertThat(SimulatedRig.episodeId("lisbon", 42, 0))
        .isNotEqualTo(SimulatedRig.episodeId("porto", 42, 0));
    assertThat(SceneStyle.forSite("lisbon")).isNotEqualTo(SceneStyle.forSite("porto"));
    assertThat(SceneStyle.forSite("lisbon")).isEqualTo(SceneStyle.forSite("lisbon"));
  }

  @Test
  void theMotionIsAPlausiblePickAndPlaceOnSixSo101Joints() throws Exception {
    SimulatedRig rig = new SimulatedRig(config("berlin", 0));
    Spool spool = Spool.open(dir, SpoolConfig.defaults());
    EpisodeCommit commit = rig.record(spool, 7, 0, Duration.ofSeconds(10), () -> false);
    SpooledEpisode episode = spool.read(commit.getEpisodeId());

    assertThat(episode.manifest().getRobotType()).isEqualTo("so101_follower");
    assertThat(episode.manifest().getSource()).isEqualTo("sim");
    assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.CAPTURE);
    assertThat(episode.manifest().getJoints())
        .extracting(j -> j.getName().toString())
        .containsExactly(
            "shoulder_pan.pos",
            "shoulder_lift.pos",
            "elbow_flex.pos",
            "wrist_flex.pos",
            "wrist_roll.pos",
            "gripper.pos");
    float gripperMin = Float.MAX_VALUE;
    float gripperMax = -Float.MAX_VALUE;
    long previousMono = Long.MIN_VALUE;
    for (JointChunk chunk : episode.chunks()) {
      for (int i = 0; i < chunk.getCaptureMonoNanos().size(); i++) {
        assertThat(chunk.getCaptureMonoNanos().get(i)).isGreaterThan(previousMono);
        previousMono = chunk.getCaptureMonoNanos().get(i);
        for (int j = 0; j < 5; j++) {
          assertThat(chunk.getState().get(j).get(i)).isBetween(-180f, 180f);
        }
        float gripper = chunk.getState().get(5).get(i);
        assertThat(gripper).isBetween(0f, 100f);
        gripperMin = Math.min(gripperMin, gripper);
        gripperMax = Math.max(gripperMax, gripper);
      }
    }
    assertThat(gripperMax - gripperMin).as("the gripper opens and closes").isGreaterThan(40);
    List<Float> pan = episode.chunks().stream().flatMap(c -> c.getState().get(0).stream()).toList();
    assertThat(
            pan.stream().mapToDouble(Float::doubleValue).max().getAsDouble()
                - pan.stream().mapToDouble(Float::doubleValue).min().getAsDouble())
        .as("the arm pans between object and bin")
        .isGreaterThan(10);
  }

  @Test
  void everyCameraMp4DecodesWithFfmpegToTheDeclaredFrameCount() throws Exception {
    SimulatedRig rig = new SimulatedRig(config("tokyo", 2));
    Spool spool = Spool.open(dir, SpoolConfig.defaults());
    EpisodeCommit commit = rig.record(spool, 1, 0, Duration.ofSeconds(2), () -> false);
    SpooledEpisode episode = spool.read(commit.getEpisodeId());

    assertThat(episode.videos()).hasSize(2);
    for (var entry : episode.videoFiles().entrySet()) {
      Mp4Probe.Result probe = Mp4Probe.decode(entry.getValue());
      assertThat(probe.codec()).isEqualTo("h264");
      assertThat(probe.width()).isEqualTo(160);
      assertThat(probe.height()).isEqualTo(120);
      assertThat(probe.decodedFrames()).isEqualTo(30);
      assertThat(episode.videos().get(entry.getKey()).getFrameCount()).isEqualTo(30);
      assertThat(commit.getVideoFrameCounts().get(entry.getKey())).isEqualTo(30);
      assertThat(probe.meanLumaOfLastFrame()).as("not a black frame").isGreaterThan(30);
    }
  }

  @Test
  void stoppingARecordingMidwayLeavesNothingInTheSpool() throws Exception {
    SimulatedRig rig = new SimulatedRig(config("oslo", 1));
    Spool spool = Spool.open(dir, SpoolConfig.defaults());
    int[] calls = {0};
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> rig.record(spool, 1, 0, Duration.ofSeconds(5), () -> ++calls[0] > 40))
        .isInstanceOf(RecordingStoppedException.class);
    assertThat(spool.ledgers()).isEmpty();
    assertThat(spool.usedBytes()).isZero();
  }
}
