package dev.tributary.curation.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DiversityVectorTest {
  @Test
  void blocksAreWeightedSoTheVectorHasUnitLength() {
    float[] v =
        DiversityVector.of(
            new float[] {3, 4}, 2, new float[] {0, 2, 0}, TaskFeatures.of("pick the cube"));
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, within(1e-6));
    assertThat(v[0] * v[0] + v[1] * v[1]).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void similarTasksAreCloserThanDifferentOnes() {
    float[] motion = {1, 0};
    float[] a = DiversityVector.of(null, 0, motion, TaskFeatures.of("pick the red cube"));
    float[] b = DiversityVector.of(null, 0, motion, TaskFeatures.of("pick up the red cube"));
    float[] c = DiversityVector.of(null, 0, motion, TaskFeatures.of("fold the towel"));
    assertThat(DiversityVector.distance(a, b)).isLessThan(DiversityVector.distance(a, c));
  }
}
