package dev.tributary.curation.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VendiScoreTest {
  @Test
  void copiesOfOneEpisodeCountAsOne() {
    VendiScore score = new VendiScore(3);
    for (int i = 0; i < 10; i++) {
      score.add(new float[] {1, 2, 3});
    }
    assertThat(score.score()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void equallyRepresentedUnrelatedEpisodesCountOncePerKind() {
    VendiScore score = new VendiScore(4);
    for (int i = 0; i < 12; i++) {
      float[] v = new float[4];
      v[i % 3] = 2;
      score.add(v);
    }
    assertThat(score.score()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void anEmptyCorpusHasNoScore() {
    assertThat(new VendiScore(2).score()).isNull();
  }

  @Test
  void manyRealisticHighDimensionalVectorsGetAScore() {
    VendiScore score = new VendiScore(319);
    java.util.Random random = new java.util.Random(3);
    for (int n = 0; n < 500; n++) {
      float[] v = new float[319];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextFloat() < 0.3 ? random.nextFloat() : 0;
      }
      score.add(v);
    }
    assertThat(score.score()).isBetween(1.0, 319.0);
  }
}
