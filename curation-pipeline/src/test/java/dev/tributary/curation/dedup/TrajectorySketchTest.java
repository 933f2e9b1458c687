package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.testing.SyntheticEpisode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrajectorySketchTest {
  private final TrajectorySketch sketch =
      TrajectorySketch.of(SimTakes.record("porto", 1, 10, 50).trajectory());

  @Test
  void aSketchSurvivesASerialisationRoundTripByteForByte() {
    byte[] bytes = sketch.toBytes();

    TrajectorySketch read = TrajectorySketch.fromBytes(bytes);

    assertThat(read.toBytes()).isEqualTo(bytes);
    assertThat(read.landmarks()).isEqualTo(sketch.landmarks()).isGreaterThan(20);
    assertThat(read.durationS())
        .isCloseTo(sketch.durationS(), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(read.rateHz()).isCloseTo(50, org.assertj.core.data.Offset.offset(1.0));
    assertThat(read.coarse().blob()).isEqualTo(sketch.coarse().blob());
    assertThat(bytes.length).isLessThan(2048);
  }

  @Test
  void truncatedOrForeignBytesAreRejectedWithAReason() {
    byte[] bytes = sketch.toBytes();

    assertThatThrownBy(() -> TrajectorySketch.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    byte[] future = bytes.clone();
    future[0] = 9;
    assertThatThrownBy(() -> TrajectorySketch.fromBytes(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recompute");
  }

  @Test
  void aTrajectoryReadFromChunksUsesStateValuesAndMonotonicSeconds() {
    SyntheticEpisode episode =
        SyntheticEpisode.builder().samples(300).chunkSize(37).rateHz(30).build();

    JointMatrix x = JointMatrix.of(episode.manifest, episode.chunks);
    Trajectory t = Trajectory.ofColumns(x.monoNanos(), x.state());

    assertThat(t.samples()).isEqualTo(300);
    assertThat(t.joints()).isEqualTo(6);
    assertThat(t.timeS(0)).isZero();
    assertThat(t.rateHz()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.1));
    assertThat(t.value(37, 2)).isEqualTo((double) episode.chunks.get(1).getState().get(2).get(0));
  }

  @Test
  void anEmptyOrOneSampleTrajectoryHasAnEmptySketch() {
    TrajectorySketch empty = TrajectorySketch.of(new Trajectory(new double[1][6], new double[1]));

    assertThat(empty.landmarks()).isZero();
    assertThat(TrajectorySketch.fromBytes(empty.toBytes()).joints()).isEqualTo(6);
    assertThat(new NearDuplicateIndex().find(empty)).isEmpty();
  }

  @Test
  void flatSpeedJointsGetCornersThatSurviveTheRoundTrip() {
    TrajectorySketch linear =
        TrajectorySketch.of(
            dev.tributary.curation.bench.MotionFamilies.Family.LINEAR_BLEND
                .take("corner-site", 3)
                .trajectory());

    TrajectorySketch read = TrajectorySketch.fromBytes(linear.toBytes());

    assertThat(linear.cornerCount()).isGreaterThan(5);
    assertThat(read.cornerCount()).isEqualTo(linear.cornerCount());
    assertThat(read.toBytes()).isEqualTo(linear.toBytes());
    assertThat(read.corners().landmarkTimeS(0)).isEqualTo(linear.corners().landmarkTimeS(0));
  }
}
