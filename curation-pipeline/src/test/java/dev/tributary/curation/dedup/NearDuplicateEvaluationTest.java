package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Counts;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.MotionFamilies.Family;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A small run of the dedup benchmark (the full one is {@code load-tests/bin/dedup-bench.sh}): the
 * correlation threshold is tuned on one split of the tuning families and the rest is measured on
 * another split (other sites and seeds) of every family, the held-out {@link Family#WIPE} included.
 * Floors are the targets where the detector meets them and, where it does not (trimmed
 * copies; the held-out family), a little below the measured value, so a regression fails;
 * BENCHMARKS.md has the full-size numbers.
 */
class NearDuplicateEvaluationTest {
  private static final List<Family> TUNING =
      List.of(Family.MIN_JERK, Family.LINEAR_BLEND, Family.TELEOP, Family.QUANTISED);
  private static final Set<Transform> TRIMS =
      EnumSet.of(Transform.TRIM, Transform.TRIM_REENCODE, Transform.TRIM_RESAMPLE_UNITS);

  @Test
  void tunedOnFourFamiliesMeasuredOnOtherSitesOfAllFiveWithTheHeldOutOneFloored() {
    List<DedupEvaluation.Query> tune =
        DedupEvaluation.run(new DedupEvaluation.Split("unit-tune", 3, 4, 3), TUNING, List.of());
    double threshold = DedupEvaluation.tune(tune, 0.99);
    List<DedupEvaluation.Query> test =
        DedupEvaluation.run(
            new DedupEvaluation.Split("unit-test", 3, 4, 3), List.of(Family.values()), List.of());

    Map<String, Map<Transform, Counts>> byFamily = DedupEvaluation.scoreByFamily(test, threshold);

    assertThat(byFamily).containsOnlyKeys(names(Family.values()));
    byFamily.forEach(
        (family, counts) -> {
          boolean heldOut = family.equals(Family.WIPE.name());
          Counts all = DedupEvaluation.pooled(counts);
          assertThat(all.expectedPairs).as("%s pairs", family).isGreaterThan(100);
          assertThat(counts.get(Transform.NEW_TAKE).falsePositives)
              .as("%s: false pairs among distinct takes of one task at one site", family)
              .isZero();
          assertThat(counts.get(Transform.OTHER_LAYOUT).falsePositives)
              .as("%s: matches across joint layouts", family)
              .isZero();
          assertThat(all.precision()).as("%s precision", family).isGreaterThanOrEqualTo(0.99);
          counts.forEach(
              (transform, c) -> {
                double floor;
                if (transform == Transform.NEW_TAKE || transform == Transform.OTHER_LAYOUT) {
                  return;
                } else if (heldOut && (TRIMS.contains(transform))) {
                  floor = 0.1; // measured 0.17-0.30 at full size: the known gap, see BENCHMARKS.md
                } else if (heldOut && transform == Transform.RESAMPLE) {
                  floor = 0.6;
                } else if (heldOut && transform == Transform.CONCATENATION) {
                  floor = 0.7;
                } else if (TRIMS.contains(transform)) {
                  floor = 0.7;
                } else {
                  floor = 0.95;
                }
                assertThat(c.recall())
                    .as("%s recall of %s", family, transform)
                    .isGreaterThanOrEqualTo(floor);
              });
        });
  }

  private static String[] names(Family[] families) {
    String[] out = new String[families.length];
    for (int i = 0; i < families.length; i++) {
      out[i] = families[i].name();
    }
    return out;
  }
}
