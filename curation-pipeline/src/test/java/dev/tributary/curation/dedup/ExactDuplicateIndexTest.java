package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExactDuplicateIndexTest {
  private static final String K = "9f2c" + "0".repeat(60);
  private static final String K2 = "a1b2" + "1".repeat(60);

  @Test
  void aLaterEpisodeWithTheKeyOfAnOriginalIsItsDuplicate() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", K, ExactDuplicateIndex.Status.ORIGINAL);

    assertThat(index.originalOf(K, "b")).hasValue("a");
    assertThat(index.originalOf(K, "a")).isEmpty();
    assertThat(index.originalOf(K2, "b")).isEmpty();
    assertThat(index.isDecided("a")).isTrue();
    assertThat(index.isDecided("b")).isFalse();
  }

  @Test
  void aRejectedEpisodeIsNotAnOriginalForLaterCopies() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", K, ExactDuplicateIndex.Status.OTHER);

    assertThat(index.originalOf(K, "b")).isEmpty();
    assertThat(index.isDecided("a")).isTrue();
    assertThat(index.keys()).isZero();
  }

  @Test
  void theFirstOriginalStaysTheReference() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", K, ExactDuplicateIndex.Status.ORIGINAL);
    index.record("b", K, ExactDuplicateIndex.Status.ORIGINAL);

    assertThat(index.originalOf(K, "c")).hasValue("a");
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.keys()).isEqualTo(1);
  }

  @Test
  void anEpisodeWithoutAKeyIsDecidedButNobodysOriginal() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("q", null, ExactDuplicateIndex.Status.OTHER);
    index.record("q", null, ExactDuplicateIndex.Status.OTHER);

    assertThat(index.isDecided("q")).isTrue();
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.originalOf(null, "r")).isEmpty();
  }

  @Test
  void originalIdsOfEveryShapeComeBackExactly() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    String lowerUuid = UUID.randomUUID().toString();
    String upperUuid = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    String simRig = "lisbon-rig-1-000042-0";
    String unicode = "épisode-東京-🤖";
    String empty = "";
    String huge = "x".repeat(70_000);
    List<String> ids = List.of(lowerUuid, upperUuid, simRig, unicode, empty, huge);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      keys.add(String.format("%064x", i + 1));
      index.record(ids.get(i), keys.get(i), ExactDuplicateIndex.Status.ORIGINAL);
    }

    for (int i = 0; i < ids.size(); i++) {
      assertThat(index.originalOf(keys.get(i), "someone-else")).hasValue(ids.get(i));
      assertThat(index.isDecided(ids.get(i))).isTrue();
    }
    assertThat(index.isDecided(lowerUuid.toUpperCase(java.util.Locale.ROOT))).isFalse();
    assertThat(index.isDecided(simRig + " ")).isFalse();
  }

  @Test
  void keysThatAreNotHexDigestsStillWork() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", "not-a-digest", ExactDuplicateIndex.Status.ORIGINAL);

    assertThat(index.originalOf("not-a-digest", "b")).hasValue("a");
    assertThat(index.originalOf("not-a-digesT", "b")).isEmpty();
  }

  @Test
  void manyEpisodesAreAllFoundAndNoneInvented() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    Random random = new Random(5);
    int n = 200_000;
    String[] ids = new String[n];
    String[] keys = new String[n];
    byte[] key = new byte[32];
    for (int i = 0; i < n; i++) {
      ids[i] = new UUID(random.nextLong(), random.nextLong()).toString();
      random.nextBytes(key);
      keys[i] = HexFormat.of().formatHex(key);
      ExactDuplicateIndex.Status status =
          i % 3 == 0 ? ExactDuplicateIndex.Status.OTHER : ExactDuplicateIndex.Status.ORIGINAL;
      index.record(ids[i], keys[i], status);
    }

    for (int i = 0; i < n; i++) {
      assertThat(index.isDecided(ids[i])).isTrue();
      if (i % 3 == 0) {
        assertThat(index.originalOf(keys[i], "x")).isEmpty();
      } else {
        assertThat(index.originalOf(keys[i], "x")).hasValue(ids[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(index.isDecided(new UUID(random.nextLong(), random.nextLong()).toString()))
          .isFalse();
    }
    assertThat(index.size()).isEqualTo(n);
    assertThat(index.keys()).isEqualTo(n - (n + 2) / 3);
  }

  /**
   * The memory per episode at 10^6 episodes, each an original with its own key and a UUID id (the
   * worst case: every episode has an arena entry and a key slot). Prints both the exact array sizes
   * and the heap after GC (the latter is indicative: GC timing is the JVM's).
   */
  @Test
  void aMillionEpisodesTakeUnderAHundredBytesEach() {
    int n = 1_000_000;
    Random random = new Random(9);
    byte[] key = new byte[32];
    Runtime rt = Runtime.getRuntime();
    long before = usedAfterGc(rt);
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    double beforeDoubling = 0; // the tables double at 3/4 full: 786,432 entries
    for (int i = 0; i < n; i++) {
      if (i == 780_000) {
        beforeDoubling = index.estimatedBytes() / (double) i;
      }
      random.nextBytes(key);
      index.record(
          new UUID(random.nextLong(), random.nextLong()).toString(),
          HexFormat.of().formatHex(key),
          ExactDuplicateIndex.Status.ORIGINAL);
    }
    long heap = usedAfterGc(rt) - before;
    double estimated = index.estimatedBytes() / (double) n;
    System.out.printf(
        "exact-duplicate index, %d episodes (all originals, UUID ids): %.1f B/episode estimated,"
            + " %.1f B/episode heap after GC; %.1f B/episode estimated at 780,000 (tables 3/4"
            + " full)%n",
        n, estimated, heap / (double) n, beforeDoubling);

    assertThat(index.size()).isEqualTo(n);
    assertThat(estimated).isLessThan(100);
  }

  private static long usedAfterGc(Runtime rt) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
