package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthOutliersTest {
  @Test
  void aTakeFarLongerOrShorterThanTheSiteUsuallyRecordsForTheTaskIsAnOutlier() {
    LengthOutliers lengths = new LengthOutliers();
    Random random = new Random(1);
    for (int i = 0; i < 50; i++) {
      lengths.record("lisbon", "pick", 20 + random.nextGaussian() * 2);
    }
    assertThat(lengths.isOutlier("lisbon", "pick", 22)).isFalse();
    assertThat(lengths.isOutlier("lisbon", "pick", 120)).isTrue(); // left running
    assertThat(lengths.isOutlier("lisbon", "pick", 3)).isTrue(); // cut short
    assertThat(lengths.isOutlier("tokyo", "pick", 120)).isFalse(); // another site: no history
    assertThat(lengths.isOutlier("lisbon", "fold", 120)).isFalse(); // another task
  }

  @Test
  void nothingIsFlaggedBeforeEnoughEpisodesOfTheGroup() {
    LengthOutliers lengths = new LengthOutliers();
    for (int i = 0; i < LengthOutliers.MIN_EPISODES - 1; i++) {
      lengths.record("lisbon", "pick", 20);
    }
    assertThat(lengths.isOutlier("lisbon", "pick", 200)).isFalse();
    lengths.record("lisbon", "pick", 20);
    assertThat(lengths.isOutlier("lisbon", "pick", 200)).isTrue();
  }
}
