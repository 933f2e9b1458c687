package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpisodesMetadataRolloverTest {

  private static long[] lengths(int n, long each) {
    long[] out = new long[n];
    Arrays.fill(out, each);
    return out;
  }

  @Test
  void nothingRollsOverBeforeTheFirstTenRowsAreFlushedHoweverSmallTheLimit() {
    assertThat(EpisodesMetadataRollover.files(lengths(10, 300), 1_000, 1)).containsOnly(0);
  }

  @Test
  void afterAFlushAnEpisodeStartsANewFileByLeRobotsEstimate() {
    // 10 rows of 1,000 bytes flushed; at episode 10: 10,000 + 10,000 / 9 * 300 >= limit
    int[] files = EpisodesMetadataRollover.files(lengths(25, 300), 1_000, 100_000);

    assertThat(Arrays.copyOfRange(files, 0, 10)).containsOnly(0);
    assertThat(Arrays.copyOfRange(files, 10, 20)).containsOnly(1);
    assertThat(Arrays.copyOfRange(files, 20, 25)).containsOnly(2);
  }

  @Test
  void aLargeLimitKeepsOneFile() {
    int[] files = EpisodesMetadataRollover.files(lengths(1_000, 300), 3_000, 100 * 1024 * 1024);
    assertThat(files).containsOnly(0);
  }
}
