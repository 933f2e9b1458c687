package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostingStoreTest {

  private static List<long[]> visit(PostingStore store, int... hashes) {
    List<long[]> seen = new ArrayList<>();
    store.visitAll(
        hashes, hashes.length, (q, episode, time) -> seen.add(new long[] {q, episode, time}));
    return seen;
  }

  @Test
  void everyPostingOfEveryHashComesBackAcrossPagesAndTableGrowth() {
    PostingStore store = new PostingStore(254);
    int episodes = 200_000;
    for (int e = 0; e < episodes; e++) {
      // Three postings per episode: a hash of its own and two shared by 4 episodes each.
      store.add(1_000_000 + e, e, 0.05 * (e % 100));
      store.add(5_000_000 + e / 4, e, 1.0);
      store.add(9_000_000 + e / 4, e, 2.0);
    }
    assertThat(store.size()).isEqualTo(3 * episodes);
    List<long[]> seen = visit(store, 1_000_000 + 123_457, 5_000_000 + 10_000, 77);
    assertThat(seen).hasSize(1 + 4);
    assertThat(seen.stream().filter(v -> v[0] == 0).map(v -> v[1] + "@" + v[2]))
        .containsExactly("123457@57");
    assertThat(seen.stream().filter(v -> v[0] == 1).map(v -> v[1]))
        .containsExactlyInAnyOrder(40_000L, 40_001L, 40_002L, 40_003L);
    assertThat(store.skipped()).isZero();
  }

  @Test
  void bucketsPastTheFirstPageOfWalkableBitsAreWalkedAndEmptyOnesAreNot() {
    PostingStore store = new PostingStore(254);
    // 2^21 + 1 postings: 2^20 buckets, two pages of walkable bits (2^19 buckets each).
    int n = (1 << 21) + 1;
    for (int i = 0; i < n; i++) {
      store.add(2 * (i % (1 << 19)) + (i >= 1 << 20 ? 1 << 20 : 0), i, 1.0);
    }
    // Even hashes below 2^20 hold postings; odd ones never do.
    List<long[]> seen = visit(store, 2 * 7, 2 * 400_000, 3, (1 << 19) + 5);
    assertThat(seen.stream().map(v -> v[0]).distinct()).containsExactly(0L, 1L);
    assertThat(store.skipped()).isEqualTo(2);
  }

  @Test
  void aStoreBeyondTheFilterSizeDropsTheHashFilterAndStillFindsEveryPosting() {
    PostingStore store = new PostingStore(254);
    // 2^22 + 1 postings: 2^22 buckets, past FILTER_MAX_BUCKETS; hashes 2k hold postings (newest
    // first); the third hash shares the first's bucket and holds none.
    int n = (1 << 22) + 1;
    for (int i = 0; i < n; i++) {
      store.add(2 * (i % (1 << 21)), i, 1.0);
      if (i == (1 << 22) - 1) {
        assertThat(store.filtered()).isTrue(); // 2^21 buckets: still kept
      }
    }
    assertThat(store.filtered()).isFalse();
    long walked = store.walked();
    List<long[]> seen = visit(store, 2 * 7, 2 * 1_000_000, 2 * 7 + (1 << 22));
    assertThat(seen.stream().map(v -> v[0] + ":" + v[1]))
        .containsExactly(
            "0:" + (7 + (1 << 21)), "1:" + (1_000_000 + (1 << 21)), "0:7", "1:1000000");
    assertThat(store.walked() - walked).isEqualTo(6); // three chains of two postings
  }

  @Test
  void theHashFilterSkipsChainsWithoutTheHashButCountsThemAsWalked() {
    PostingStore store = new PostingStore(254);
    // Hashes 5 and 5 + 2^12 share a bucket of the 2^12-bucket table; find the first pair whose
    // filter bits differ, so a lookup of one of them rules the other's chain out.
    int other = 5 + (1 << 12);
    while (PostingStore.filterBit(other) == PostingStore.filterBit(5)) {
      other += 1 << 12;
    }
    store.add(other, 1, 1.0);
    store.add(other, 2, 1.0);
    assertThat(store.filtered()).isTrue();
    long walked = store.walked();
    assertThat(visit(store, 5)).isEmpty();
    assertThat(store.walked() - walked).isEqualTo(2);
    assertThat(visit(store, other)).hasSize(2);
    assertThat(store.walked() - walked).isEqualTo(4);
    assertThat(store.skipped()).isZero();
  }

  @Test
  void episodeNumbersUseAll23Bits() {
    PostingStore store = new PostingStore(10);
    store.add(0xABCDEF1, PostingStore.MAX_EPISODES, 409.0);
    store.add(0xABCDEF1, 1 << 19, 0.0);
    List<long[]> seen = visit(store, 0xABCDEF1);
    assertThat(seen.stream().map(v -> v[1]))
        .containsExactly((long) (1 << 19), (long) PostingStore.MAX_EPISODES);
    assertThat(seen.get(1)[2]).isEqualTo(Math.round(409.0 / PostingStore.TIME_UNIT_S));
  }

  @Test
  void aHashHeldByMoreEpisodesThanTheLimitIsAStopWordAndReadsNothing() {
    PostingStore store = new PostingStore(3);
    for (int e = 0; e < 3; e++) {
      store.add(42, e, 1.0);
    }
    store.add(43, 7, 1.0);
    assertThat(visit(store, 42, 43)).hasSize(4);
    assertThat(store.skipped()).isZero();
    store.add(42, 3, 1.0);
    long walked = store.walked();
    List<long[]> seen = visit(store, 42, 43);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)[1]).isEqualTo(7);
    assertThat(store.skipped()).isEqualTo(1);
    assertThat(store.walked() - walked).isEqualTo(1);
  }

  @Test
  void stopWordsSurviveTableGrowth() {
    PostingStore store = new PostingStore(5);
    for (int e = 0; e < 6; e++) {
      store.add(42, e, 1.0);
    }
    for (int e = 0; e < 50_000; e++) {
      store.add(100 + e, e, 1.0);
    }
    assertThat(visit(store, 42)).isEmpty();
    assertThat(visit(store, 100 + 49_999)).hasSize(1);
    assertThat(store.skipped()).isEqualTo(1);
  }

  @Test
  void aReadBudgetWalksTheRarestHashesWholeAndSkipsTheRest() {
    PostingStore store = new PostingStore(254);
    store.add(1, 100, 1.0);
    for (int e = 0; e < 3; e++) {
      store.add(2, 200 + e, 1.0);
    }
    for (int e = 0; e < 10; e++) {
      store.add(3, e, 1.0);
    }
    long walked = store.walked();
    long skipped = store.skipped();

    // Lists of 1, 3 and 10 postings; a budget of 5 fits the first two whole, not the third.
    List<Long> seen = new ArrayList<>();
    store.visitAll(new int[] {3, 2, 1}, 3, 5, (q, episode, time) -> seen.add((long) episode));

    assertThat(seen).containsExactlyInAnyOrder(100L, 200L, 201L, 202L);
    assertThat(store.walked() - walked).isEqualTo(4);
    assertThat(store.skipped() - skipped).isEqualTo(1);
    // A budget that holds everything reads everything.
    List<Long> all = new ArrayList<>();
    store.visitAll(new int[] {3, 2, 1}, 3, 14, (q, episode, time) -> all.add((long) episode));
    assertThat(all).hasSize(14);
    // Too small for even the rarest: nothing is read.
    List<Long> none = new ArrayList<>();
    store.visitAll(new int[] {3, 2}, 2, 2, (q, episode, time) -> none.add((long) episode));
    assertThat(none).isEmpty();
  }

  @Test
  void theLimitMustFitTheSaturatingCount() {
    assertThatThrownBy(() -> new PostingStore(255)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PostingStore(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
