package dev.tributary.curation.diversity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoveltyIndexTest {
  private static float[] unit(int dims, int axis) {
    float[] v = new float[dims];
    v[axis] = 1;
    return v;
  }

  @Test
  void theFirstEpisodeOfAGroupIsFullyNovelAndACopyIsNotNovelAtAll() {
    NoveltyIndex index = new NoveltyIndex(3, 100);
    String g = NoveltyIndex.group("so101", "Pick the cube");

    assertThat(index.novelty(g, unit(4, 0))).isEqualTo(1.0);
    index.add(g, "a", unit(4, 0));

    assertThat(index.novelty(g, unit(4, 0))).isEqualTo(0.0);
    assertThat(index.novelty(g, unit(4, 1))).isEqualTo(1.0); // orthogonal: unrelated
  }

  @Test
  void groupsAreByRobotAndNormalisedTask() {
    NoveltyIndex index = new NoveltyIndex(1, 10);
    index.add(NoveltyIndex.group("so101", "Pick  the Cube "), "a", unit(4, 0));

    assertThat(index.novelty(NoveltyIndex.group("so101", "pick the cube"), unit(4, 0))).isZero();
    assertThat(index.novelty(NoveltyIndex.group("koch", "pick the cube"), unit(4, 0))).isOne();
  }

  @Test
  void theReservoirNeverHoldsMoreThanItsCapacity() {
    NoveltyIndex index = new NoveltyIndex(2, 50);
    for (int i = 0; i < 1_000; i++) {
      index.add("g", "episode-" + i, unit(8, i % 8));
    }
    assertThat(index.size()).isEqualTo(50);
    assertThat(index.novelty("g", unit(8, 3))).isZero(); // every axis is still represented
  }
}
