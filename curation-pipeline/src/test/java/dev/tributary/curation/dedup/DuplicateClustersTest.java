package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateClustersTest {
  private final DuplicateClusters clusters = new DuplicateClusters();

  @Test
  void theLongestMemberRepresentsItsCluster() {
    int clip = clusters.add(5, 0.9);
    int full = clusters.add(12, 0.1);
    int other = clusters.add(8, 0.5);

    assertThat(clusters.link(full, clip)).isEqualTo(clip);
    assertThat(clusters.link(other, clip)).isEqualTo(other);

    assertThat(clusters.representativeOf(clip)).isEqualTo(full);
    assertThat(clusters.representativeOf(other)).isEqualTo(full);
    assertThat(clusters.clusterSizeOf(other)).isEqualTo(3);
  }

  @Test
  void equalLengthsGoToTheHigherQualityThenTheEarliest() {
    int first = clusters.add(10, 0.5);
    int better = clusters.add(10, 0.8);
    int late = clusters.add(10, 0.8);

    clusters.link(first, better);
    clusters.link(late, first);

    assertThat(clusters.representativeOf(late)).isEqualTo(better);
  }

  @Test
  void linkingTwiceChangesNothing() {
    int a = clusters.add(3, 0);
    int b = clusters.add(4, 0);
    clusters.link(a, b);

    assertThat(clusters.link(b, a)).isEqualTo(-1);
    assertThat(clusters.representativeOf(a)).isEqualTo(b);
  }

  @Test
  void aMillionSingletonsStayCheap() {
    for (int i = 0; i < 1_000_000; i++) {
      clusters.add(i % 17, 0);
    }

    assertThat(clusters.estimatedBytes() / 1_000_000.0).isLessThan(32);
    assertThat(clusters.representativeOf(999_999)).isEqualTo(999_999);
  }

  @Test
  void aNewcomerIsKnownToTakeOverAClusterBeforeItIsAdded() {
    int member = clusters.add(10, 0.5);
    int other = clusters.add(12, 0.5);
    clusters.link(member, other); // represented by other: 12 s

    assertThat(clusters.newcomerWouldRepresent(member, 13, 0)).isTrue();
    assertThat(clusters.newcomerWouldRepresent(member, 12, 0.6)).isTrue();
    assertThat(clusters.newcomerWouldRepresent(member, 12, 0.5)).isFalse(); // full tie: earliest
    assertThat(clusters.newcomerWouldRepresent(member, 11, 1)).isFalse();

    int longer = clusters.add(13, 0);
    assertThat(clusters.link(longer, member)).isEqualTo(other);
    assertThat(clusters.representativeOf(member)).isEqualTo(longer);
  }
}
