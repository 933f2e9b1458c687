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
