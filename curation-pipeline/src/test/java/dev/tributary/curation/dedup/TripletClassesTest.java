package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.SimTakes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The class-by-class enumeration ({@link TripletClasses}): it chooses exactly the postings the
 * selection from every triplet chose, and a lookup of a long many-joint take enumerates a small,
 * bounded share of its triplets (counted, not timed) and still finds its copies.
 */
class TripletClassesTest {

  /** Joints moving as sums of sines: about two velocity peaks per joint and second. */
  static Trajectory manyJoints(int joints, double seconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = (int) Math.round(seconds * 30);
    long[] nanos = new long[n];
    float[][] state = new float[joints][n];
    double[][] f = new double[joints][3];
    double[][] amp = new double[joints][3];
    double[][] phase = new double[joints][3];
    for (int j = 0; j < joints; j++) {
      for (int k = 0; k < 3; k++) {
        f[j][k] = random.nextDouble(0.2, 1.2);
        amp[j][k] = random.nextDouble(2, 30);
        phase[j][k] = random.nextDouble(0, 2 * Math.PI);
      }
    }
    for (int i = 0; i < n; i++) {
      double t = i / 30.0;
      nanos[i] = Math.round(t * 1e9);
      for (int j = 0; j < joints; j++) {
        double v = 0;
        for (int k = 0; k < 3; k++) {
          v += amp[j][k] * Math.sin(2 * Math.PI * f[j][k] * t + phase[j][k]);
        }
        state[j][i] = (float) v;
      }
    }
    return Trajectory.ofColumns(nanos, state);
  }

  private record Posting(int hash, double anchor) {}

  private static List<Posting> fromEveryTriplet(
      TrajectorySketch sketch, boolean twoMoments, long salt, int budget) {
    LandmarkTriplets.Budgeted all = new LandmarkTriplets.Budgeted();
    LandmarkHashes.ownTriplets(sketch, twoMoments, salt, all);
    List<Posting> out = new ArrayList<>();
    all.select(budget, (h, t) -> out.add(new Posting(h, t)));
    return out;
  }

  private static List<Posting> byClasses(
      TrajectorySketch sketch, boolean twoMoments, long salt, int budget) {
    List<Posting> out = new ArrayList<>();
    int n =
        new TripletClasses(sketch, twoMoments, salt)
            .select(budget, (h, t) -> out.add(new Posting(h, t)));
    assertThat(n).isEqualTo(out.size());
    return out;
  }

  private static List<TrajectorySketch> sketches() {
    List<TrajectorySketch> sketches = new ArrayList<>();
    sketches.add(TrajectorySketch.of(SimTakes.record("porto", 3, 14, 50).trajectory()));
    sketches.add(
        TrajectorySketch.of(MotionFamilies.Family.WIPE.take("classes-site", 2).trajectory()));
    sketches.add(TrajectorySketch.of(manyJoints(8, 12, 5)));
    sketches.add(TrajectorySketch.of(manyJoints(3, 6, 6))); // fewer triplets than the budget
    return sketches;
  }

  @Test
  void countsEveryTripletWithoutHashingThem() {
    for (TrajectorySketch sketch : sketches()) {
      for (boolean twoMoments : new boolean[] {false, true}) {
        long[] enumerated = {0};
        List<Double> anchors = new ArrayList<>();
        LandmarkHashes.ownTriplets(
            sketch,
            twoMoments,
            0,
            (h, t, span, weakest, own) -> {
              enumerated[0]++;
              anchors.add(t);
            });
        TripletClasses classes = new TripletClasses(sketch, twoMoments, 0);
        assertThat(classes.total()).isEqualTo(enumerated[0]);
        long inSecondThree = anchors.stream().filter(t -> t >= 3 && t <= 4).count();
        assertThat(classes.anchoredIn(3, 4)).isEqualTo(inSecondThree);
      }
    }
  }

  private record Probe(int hash, double anchor, boolean own) {}

  /** What LandmarkHashes.queryTriplets emits for a lookup of one kind (own hashes and probes). */
  private static List<Probe> queried(TripletClasses classes, int quota) {
    List<Probe> out = new ArrayList<>();
    LandmarkHashes.queryTriplets(
        classes, quota, (h, t, span, weakest, own) -> out.add(new Probe(h, t, own)));
    return out;
  }

  @Test
  void aLookupsTripletsEnumeratedInPlaceAreTheGenericEnumerations() {
    List<TrajectorySketch> all = new ArrayList<>(sketches());
    for (int i = 0; i < 20; i++) { // the pipeline benchmark's simulated takes (8 s, 30 Hz)
      all.add(TrajectorySketch.of(SimTakes.record("site-" + i, i / 4, 8, 30).trajectory()));
    }
    int complete = 0;
    for (TrajectorySketch sketch : all) {
      LandmarkTriplets.ThreeMoments looked = LandmarkHashes.threeMoments(sketch);
      List<Posting> expected = new ArrayList<>();
      List<Posting> expectedOwn = new ArrayList<>();
      for (Probe p : queried(new TripletClasses(sketch, false, 0), LandmarkHashes.MAX_POSTINGS)) {
        expected.add(new Posting(p.hash(), p.anchor()));
        if (p.own()) {
          expectedOwn.add(new Posting(p.hash(), p.anchor()));
        }
      }
      List<Posting> own = new ArrayList<>();
      looked.indexTriplets((h, t) -> own.add(new Posting(h, t)));
      assertThat(own).isEqualTo(expectedOwn);
      assertThat(looked.enumerated()).isEqualTo(expectedOwn.size());
      if (sketch.cornerCount() > 0) {
        TripletClasses corners =
            new TripletClasses(sketch.corners(), false, LandmarkHashes.CORNER_SALT);
        for (Probe p : queried(corners, LandmarkHashes.MAX_CORNER_POSTINGS)) {
          expected.add(new Posting(p.hash(), p.anchor()));
        }
      }
      List<Posting> probed = new ArrayList<>();
      looked.forQuery((h, t) -> probed.add(new Posting(h, t)));
      assertThat(probed).isEqualTo(expected);
      complete += looked.complete() ? 1 : 0;
    }
    assertThat(complete).as("sketches whose lookup enumerated every triplet").isGreaterThan(20);
  }

  @Test
  void choosesThePostingsThatTheSelectionFromEveryTripletChose() {
    int dense = 0;
    for (TrajectorySketch sketch : sketches()) {
      assertThat(new TripletClasses(sketch, false, 0).total())
          .isLessThan(LandmarkHashes.MAX_TRIPLETS);
      assertThat(byClasses(sketch, false, 0, LandmarkHashes.MAX_POSTINGS))
          .isEqualTo(fromEveryTriplet(sketch, false, 0, LandmarkHashes.MAX_POSTINGS));
      assertThat(byClasses(sketch, false, 0, 100))
          .isEqualTo(fromEveryTriplet(sketch, false, 0, 100));
      assertThat(byClasses(sketch, true, 0, LandmarkHashes.MAX_TWO_MOMENT_POSTINGS))
          .isEqualTo(fromEveryTriplet(sketch, true, 0, LandmarkHashes.MAX_TWO_MOMENT_POSTINGS));
      if (sketch.cornerCount() > 0) {
        TrajectorySketch corners = sketch.corners();
        long salt = LandmarkHashes.CORNER_SALT;
        assertThat(byClasses(corners, false, salt, LandmarkHashes.MAX_CORNER_POSTINGS))
            .isEqualTo(fromEveryTriplet(corners, false, salt, LandmarkHashes.MAX_CORNER_POSTINGS));
      }
      // What an add indexes after a lookup: chosen from the lookup's triplets when it did not
      // enumerate them all.
      LandmarkTriplets.ThreeMoments looked = LandmarkHashes.threeMoments(sketch);
      List<Posting> fromLookup = new ArrayList<>();
      looked.select(LandmarkHashes.MAX_POSTINGS, (h, t) -> fromLookup.add(new Posting(h, t)));
      assertThat(fromLookup)
          .isEqualTo(fromEveryTriplet(sketch, false, 0, LandmarkHashes.MAX_POSTINGS));
      dense += looked.complete() ? 0 : 1;
    }
    assertThat(dense).as("sketches whose lookup enumerated only some classes").isPositive();
  }

  @Test
  void aLongManyJointTakeIsLookedUpWithABoundedShareOfItsTripletsAndItsCopiesAreFound() {
    Trajectory take = manyJoints(26, 40, 7);
    TrajectorySketch sketch = TrajectorySketch.of(take);
    TripletClasses classes = new TripletClasses(sketch, false, 0);
    LandmarkTriplets.ThreeMoments looked = LandmarkHashes.threeMoments(sketch);
    int[] hashes = {0};
    looked.forQuery((h, t) -> hashes[0]++);

    assertThat(sketch.landmarks()).as("landmarks").isGreaterThan(1_500);
    assertThat(classes.total()).as("triplets").isGreaterThan(15_000_000);
    assertThat(looked.complete()).isFalse();
    // Before: every triplet hashed and probed (~2.5 hashes each, ~50 million hashes here). Now
    // the lookup hashes the classes a stored window's postings can reach (measured: 562,495
    // triplets, 2.9 %: the lowest class of a 26-joint take whose moves are all strong is dense,
    // so this part still grows with the square of the landmark density) and probes those ranked
    // low enough to be kept (measured: 59,135 hashes, ~1,500 per second of the take).
    long hashed =
        classes.forQuery(
            LandmarkHashes.QUERY_MARGIN * LandmarkHashes.MAX_POSTINGS,
            (h, t, span, weakest, own) -> {});
    assertThat(hashed).isLessThan(classes.total() / 20);
    assertThat(hashes[0]).isLessThan(100_000);
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("original", sketch);
    for (int other = 0; other < 5; other++) {
      index.add("other-" + other, TrajectorySketch.of(manyJoints(26, 40, 100 + other)));
    }
    long read = index.postingsRead();
    assertThat(index.find(TrajectorySketch.of(take)))
        .get()
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .isEqualTo("original");
    // the read budget: at most maxReadsPerQueryHash postings per probed hash
    assertThat(index.postingsRead() - read)
        .isLessThanOrEqualTo(
            (long) NearDuplicateConfig.defaults().maxReadsPerQueryHash() * hashes[0]);
    Trajectory clip = dev.tributary.curation.bench.Transforms.trim(take, 0.23, 0.31).trajectory();
    assertThat(index.find(TrajectorySketch.of(clip)))
        .get()
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .isEqualTo("original");
  }
}
