package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactKeyTest {
  private static String keyOf(SyntheticEpisode e) {
    return keyOf(e.manifest, e.manifest.getRobotType(), e.chunks);
  }

  private static String keyOf(EpisodeManifest m, String robotType, List<JointChunk> chunks) {
    JointMatrix x = JointMatrix.of(m, chunks);
    return ExactKey.of(robotType, x.state(), x.samples());
  }

  @Test
  void theSameRecordingRenamedRetimedAndRechunkedHasTheSameKey() {
    SyntheticEpisode original = SyntheticEpisode.builder().seed(42).samples(300).build();
    SyntheticEpisode copy =
        SyntheticEpisode.builder()
            .seed(42)
            .samples(300)
            .chunkSize(37)
            .siteId("porto")
            .jointNames(
                List.of(
                    "main_shoulder_pan",
                    "main_shoulder_lift",
                    "main_elbow_flex",
                    "main_wrist_flex",
                    "main_wrist_roll",
                    "main_gripper"))
            .timeShiftMicros(86_400_000_000L)
            .cameras(List.of("observation.images.top"))
            .withoutAction()
            .build();

    assertThat(keyOf(copy)).isEqualTo(keyOf(original));
  }

  @Test
  void valuesThatDifferBelowTheQuantumHaveTheSameKey() {
    SyntheticEpisode original = SyntheticEpisode.builder().seed(3).build();
    List<JointChunk> nudged = new ArrayList<>();
    for (JointChunk c : original.chunks) {
      List<List<Float>> state = new ArrayList<>();
      for (List<Float> column : c.getState()) {
        List<Float> moved = new ArrayList<>();
        for (Float v : column) {
          float q = (float) (Math.round(v / ExactKey.QUANTUM) * ExactKey.QUANTUM);
          moved.add(q + 0.001f);
        }
        state.add(moved);
      }
      nudged.add(JointChunk.newBuilder(c).setState(state).build());
    }

    assertThat(keyOf(original.manifest, "so101_follower", nudged)).isEqualTo(keyOf(original));
  }

  @Test
  void aDifferentTakeHasADifferentKey() {
    assertThat(keyOf(SyntheticEpisode.builder().seed(1).build()))
        .isNotEqualTo(keyOf(SyntheticEpisode.builder().seed(2).build()));
  }

  @Test
  void anotherRobotTypeWithTheSameValuesHasADifferentKey() {
    SyntheticEpisode a = SyntheticEpisode.builder().seed(5).build();
    SyntheticEpisode b = SyntheticEpisode.builder().seed(5).robotType("so100_follower").build();

    assertThat(keyOf(a)).isNotEqualTo(keyOf(b));
  }

  @Test
  void aTrimmedCopyHasADifferentKeyBecauseExactMeansExact() {
    SyntheticEpisode a = SyntheticEpisode.builder().seed(9).samples(300).build();
    SyntheticEpisode b = SyntheticEpisode.builder().seed(9).samples(299).build();

    assertThat(keyOf(a)).isNotEqualTo(keyOf(b));
  }
}
