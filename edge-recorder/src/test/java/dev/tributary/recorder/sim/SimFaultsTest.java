package dev.tributary.recorder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.recorder.testing.Mp4Probe;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.JointChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimFaultsTest {
  @TempDir Path dir;

  private SpooledEpisode record(String faults, int cameras) throws Exception {
    SimulatedRig rig =
        new SimulatedRig(
            new SimRigConfig(
                "faulty", "rig", cameras, 96, 64, 10, 30, false, Duration.ofSeconds(1)),
            SimFaults.parse(faults));
    Spool spool =
        Spool.open(
            dir.resolve(faults.isEmpty() ? "clean" : faults.replace(',', '_')),
            SpoolConfig.defaults());
    EpisodeCommit commit = rig.record(spool, 1, 0, Duration.ofSeconds(6), () -> false);
    return spool.read(commit.getEpisodeId().toString());
  }

  private static List<Long> mono(SpooledEpisode episode) {
    List<Long> out = new ArrayList<>();
    episode.chunks().forEach(c -> out.addAll(c.getCaptureMonoNanos()));
    return out;
  }

  private static List<Float> joint(SpooledEpisode episode, int j) {
    List<Float> out = new ArrayList<>();
    for (JointChunk c : episode.chunks()) {
      out.addAll(c.getState().get(j));
    }
    return out;
  }

  @Test
  void timestampJitterPerturbsCaptureTimesButKeepsThemStrictlyIncreasing() throws Exception {
    List<Long> clean = mono(record("", 0));
    List<Long> jittered = mono(record("jitter=5ms", 0));

    assertThat(jittered).hasSameSizeAs(clean).isNotEqualTo(clean);
    for (int i = 1; i < jittered.size(); i++) {
      assertThat(jittered.get(i)).isGreaterThan(jittered.get(i - 1));
    }
  }

  @Test
  void droppedFramesShrinkTheDecodedFrameCountAndTheDeclaredCountMatches() throws Exception {
    SpooledEpisode episode = record("drop=0.3", 1);
    int declared = episode.videos().get("observation.images.top").getFrameCount();

    assertThat(declared).isLessThan(60).isGreaterThan(20);
    Mp4Probe.Result probe = Mp4Probe.decode(episode.videoFiles().get("observation.images.top"));
    assertThat(probe.decodedFrames()).as(probe.toString()).isEqualTo(declared);
  }

  @Test
  void aDarkCameraDecodesToNearlyBlackFrames() throws Exception {
    SpooledEpisode episode = record("dark", 1);

    assertThat(
            Mp4Probe.decode(episode.videoFiles().get("observation.images.top"))
                .meanLumaOfLastFrame())
        .isLessThan(30);
  }

  @Test
  void jointSaturationPinsTheElbowAndAnIdleStretchHoldsTheArmStill() throws Exception {
    List<Float> elbow = joint(record("saturation", 0), 2);
    assertThat(elbow.subList(60, 100))
        .as("30-60 %% of 180 samples")
        .allMatch(v -> v.equals(elbow.get(60)));

    List<Float> pan = joint(record("idle", 0), 0);
    List<Float> still = pan.subList(85, 125);
    double spread =
        still.stream().mapToDouble(Float::doubleValue).max().getAsDouble()
            - still.stream().mapToDouble(Float::doubleValue).min().getAsDouble();
    assertThat(spread).as("only tremor while idle").isLessThan(1.0);
  }

  @Test
  void aFractionAppliesFaultsToADeterministicSubsetOfEpisodes() {
    SimulatedRig rig =
        new SimulatedRig(
            new SimRigConfig("faulty", "rig", 0, 96, 64, 10, 30, false, Duration.ofSeconds(1)),
            SimFaults.parse("dark,fraction=0.5"));
    long faulty =
        java.util.stream.IntStream.range(0, 200).filter(i -> rig.faultsOf(1, i).any()).count();

    assertThat(faulty).isBetween(70L, 130L);
    assertThat(rig.faultsOf(1, 7)).isEqualTo(rig.faultsOf(1, 7));
  }

  @Test
  void blurParsesAndDefocusRemovesFineDetailButKeepsTheMeanBrightness() {
    SimFaults blur = SimFaults.parse("blur");
    assertThat(blur.blurryCamera()).isTrue();
    assertThat(blur.any()).isTrue();
    assertThat(blur.toString()).isEqualTo("blur");

    dev.tributary.media.YuvImage image = new dev.tributary.media.YuvImage(160, 120);
    new SceneRenderer(SceneStyle.forSite("faulty"), CameraView.first(1)[0], 160, 120)
        .render(
            new SimulatedRig(new SimRigConfig("faulty", "rig", 1, 160, 120, 10, 30, false, null))
                .motion(1, 0, Duration.ofSeconds(6)),
            2.0,
            image);
    long sharpEdges = edges(image.y(), 160);
    double mean = image.meanLuma();
    SceneRenderer.defocus(image);

    assertThat(edges(image.y(), 160)).isLessThan(sharpEdges / 2);
    assertThat(image.meanLuma()).isCloseTo(mean, org.assertj.core.data.Offset.offset(2.0));
  }

  /** Sum of squared horizontal neighbour differences: fine detail. */
  private static long edges(byte[] y, int width) {
    long sum = 0;
    for (int i = 1; i < y.length; i++) {
      if (i % width != 0) {
        int d = (y[i] & 0xff) - (y[i - 1] & 0xff);
        sum += (long) d * d;
      }
    }
    return sum;
  }

  @Test
  void anUnknownFaultIsRefusedWithItsName() {
    assertThatThrownBy(() -> SimFaults.parse("jitter=2ms,sparkles"))
        .hasMessageContaining("unknown fault 'sparkles'");
    assertThatThrownBy(() -> SimFaults.parse("drop=lots")).hasMessageContaining("needs a number");
  }
}
