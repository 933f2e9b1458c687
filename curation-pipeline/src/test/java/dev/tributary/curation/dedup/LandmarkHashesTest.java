package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.SimTakes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandmarkHashesTest {

  /** A busy simulated take: far more triplets than the posting budget. */
  private static TrajectorySketch busyTake() {
    for (int seed = 0; ; seed++) {
      SimTakes.Take take = SimTakes.record("porto", seed, 14, 50);
      TrajectorySketch sketch = TrajectorySketch.of(take.trajectory());
      int[] triplets = {0};
      LandmarkHashes.indexTriplets(sketch, (h, t) -> triplets[0]++);
      if (triplets[0] > 20 * LandmarkHashes.MAX_POSTINGS) {
        return sketch;
      }
    }
  }

  private static List<Double> postingTimes(TrajectorySketch sketch) {
    List<Double> anchors = new ArrayList<>();
    int n = LandmarkHashes.postings(sketch, false, (h, t) -> anchors.add(t));
    assertThat(n).isEqualTo(anchors.size());
    return anchors;
  }

  @Test
  void aBusyEpisodeKeepsTheBudgetSpreadOverItsTimeline() {
    TrajectorySketch sketch = busyTake();
    List<Double> anchors = postingTimes(sketch);

    assertThat(anchors).hasSize(LandmarkHashes.MAX_POSTINGS);
    // Every window with triplets keeps its share: the budget over the windows that have any,
    // or all of its triplets when it has fewer (water-filling).
    int windows = (int) Math.ceil(sketch.durationS() / LandmarkHashes.WINDOW_S);
    int[] triplets = new int[windows];
    int[] kept = new int[windows];
    LandmarkHashes.indexTriplets(
        sketch, (h, t) -> triplets[(int) Math.floor(t / LandmarkHashes.WINDOW_S)]++);
    anchors.forEach(t -> kept[(int) Math.floor(t / LandmarkHashes.WINDOW_S)]++);
    int busy = 0;
    for (int w = 0; w < windows; w++) {
      busy += triplets[w] > 0 ? 1 : 0;
    }
    for (int w = 0; w < windows; w++) {
      assertThat(kept[w])
          .as("postings anchored in second %d of %d", w, windows)
          .isGreaterThanOrEqualTo(Math.min(triplets[w], LandmarkHashes.MAX_POSTINGS / busy));
    }
  }

  @Test
  void everyThreeSecondStretchOfABusyEpisodeHoldsPostings() {
    // With one hash-value threshold for the whole episode, a stretch with few landmarks kept
    // almost none (its triplets are few among the busy stretches' many), and a short clip cut
    // from there shared no posting with its original.
    TrajectorySketch sketch = busyTake();
    List<Double> anchors = postingTimes(sketch);
    for (double from = 0; from + 3 <= sketch.durationS(); from += 1) {
      double start = from;
      long inside = anchors.stream().filter(t -> t >= start && t < start + 3).count();
      assertThat(inside).as("postings anchored in %.0f-%.0f s", start, start + 3).isGreaterThan(15);
    }
  }

  @Test
  void anEpisodeWithFewTripletsKeepsThemAll() {
    SimTakes.Take take = SimTakes.record("porto", 1, 14, 50);
    TrajectorySketch whole = TrajectorySketch.of(take.trajectory());
    // A 3 s stretch with a few moves: fewer triplets than the budget.
    TrajectorySketch clip = null;
    int[] all = {0};
    for (double head = 0; clip == null; head += 0.05) {
      assertThat(head).as("a stretch with 1-160 triplets").isLessThan(0.75);
      TrajectorySketch candidate =
          TrajectorySketch.of(
              dev.tributary.curation.bench.Transforms.trim(
                      take.trajectory(), head, 1 - head - 3 / 14.0)
                  .trajectory());
      all[0] = 0;
      LandmarkHashes.indexTriplets(candidate, (h, t) -> all[0]++);
      if (all[0] >= 1 && all[0] <= LandmarkHashes.MAX_POSTINGS) {
        clip = candidate;
      }
    }
    assertThat(postingTimes(clip)).hasSize(all[0]);
    assertThat(LandmarkHashes.keptShare(clip)).isEqualTo(1f);
    assertThat(LandmarkHashes.keptShare(whole)).isLessThan(1f);
  }

  @Test
  void twoMomentTripletsHaveTheirOwnBudgetAndNeverShareAHashWithThreeMomentOnes() {
    TrajectorySketch sketch = busyTake();
    java.util.Set<Integer> three = new java.util.HashSet<>();
    java.util.Set<Integer> two = new java.util.HashSet<>();
    LandmarkHashes.forQuery(sketch, false, (h, t) -> three.add(h));
    LandmarkHashes.forQuery(sketch, true, (h, t) -> two.add(h));
    int[] kept = {0};
    int total = LandmarkHashes.forIndex(sketch, (h, t) -> kept[0]++);

    assertThat(two).isNotEmpty();
    assertThat(two).doesNotContainAnyElementsOf(three);
    assertThat(total)
        .isEqualTo(kept[0])
        .isEqualTo(LandmarkHashes.MAX_POSTINGS + LandmarkHashes.MAX_TWO_MOMENT_POSTINGS);
  }

  @Test
  void cornerTripletsArePaidForOutOfTheVelocityBudgetAndHashedApart() {
    TrajectorySketch wipe =
        TrajectorySketch.of(
            dev.tributary.curation.bench.MotionFamilies.Family.WIPE
                .take("corner-budget-site", 1)
                .trajectory());
    java.util.Set<Integer> velocity = new java.util.HashSet<>();
    java.util.Set<Integer> corners = new java.util.HashSet<>();
    LandmarkHashes.forQuery(wipe, false, (h, t) -> velocity.add(h));
    LandmarkHashes.threeMoments(wipe).corners().forQuery((h, t) -> corners.add(h));
    int total = LandmarkHashes.forIndex(wipe, (h, t) -> {});
    int[] velocityAlone = {0};
    LandmarkHashes.postings(wipe, false, (h, t) -> velocityAlone[0]++);

    assertThat(wipe.cornerCount()).isGreaterThan(3);
    assertThat(corners).isNotEmpty().doesNotContainAnyElementsOf(velocity);
    assertThat(total)
        .isLessThanOrEqualTo(LandmarkHashes.MAX_POSTINGS + LandmarkHashes.MAX_TWO_MOMENT_POSTINGS);
    assertThat(velocityAlone[0]).isPositive();
  }
}
