package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EpisodeIdsTest {

  @Test
  void everyIdKeepsItsNumberAcrossArenaAndTableGrowth() {
    EpisodeIds ids = new EpisodeIds();
    String[] added = new String[50_000];
    for (int i = 0; i < added.length; i++) {
      added[i] =
          i % 7 == 0
              ? "säte-é/" + i
              : UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)})
                  .toString();
      assertThat(ids.add(added[i])).isEqualTo(i);
    }

    assertThat(ids.size()).isEqualTo(added.length);
    for (int i = 0; i < added.length; i += 97) {
      assertThat(ids.indexOf(added[i])).isEqualTo(i);
      assertThat(ids.id(i)).isEqualTo(added[i]);
    }
    assertThat(ids.indexOf("säte-é/7x")).isEqualTo(-1);
    assertThat(ids.indexOf("")).isEqualTo(-1);
  }

  @Test
  void aUuidIdCostsUnderFiftyBytes() {
    EpisodeIds ids = new EpisodeIds();
    int n = 1 << 17; // right after the slot table doubled: the most slack it has
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    assertThat(ids.estimatedBytes() / (double) n).isLessThan(60);
  }
}
