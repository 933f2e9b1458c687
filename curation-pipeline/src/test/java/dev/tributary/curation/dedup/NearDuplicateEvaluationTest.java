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
 * correlation threshold is tuned on one split of the tuning families (WIPE among them since issue
 * 16's second round) and the rest is measured on another split (other sites and seeds) of every
 * family, the held-out {@link Family#STIR} included. Floors are the targets where the
 * detector meets them and, where it does not (trimmed copies; the held-out family), a little below
 * the measured value, so a regression fails; BENCHMARKS.md has the full-size numbers.
 */
class NearDuplicateEvaluationTest {
  private static final List<Family> TUNING =
      List.of(Family.MIN_JERK, Family.LINEAR_BLEND, Family.TELEOP, Family.QUANTISED, Family.WIPE);
  private static final Family HELD_OUT = Family.STIR;
  private static final Set<Transform> TRIMS =
      EnumSet.of(Transform.TRIM, Transform.TRIM_REENCODE, Transform.TRIM_RESAMPLE_UNITS);

  @Test
  void tunedOnFiveFamiliesMeasuredOnOtherSitesOfAllSixWithTheHeldOutOneFloored() {
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
          boolean heldOut = family.equals(HELD_OUT.name());
          Counts all = DedupEvaluation.pooled(counts);
          assertThat(all.expectedPairs).as("%s pairs", family).isGreaterThan(100);
          assertThat(counts.get(Transform.NEW_TAKE).falsePositives)
              .as("%s: false pairs among distinct takes of one task at one site", family)
              .isLessThanOrEqualTo(heldOut ? 2 : 0); // STIR: 0 of 96 at full size (1 before)
          assertThat(counts.get(Transform.OTHER_LAYOUT).falsePositives)
              .as("%s: matches across joint layouts", family)
              .isZero();
          assertThat(all.precision())
              .as("%s precision", family)
              .isGreaterThanOrEqualTo(heldOut ? 0.9 : 0.99); // STIR: 0.988 at full size
          counts.forEach(
              (transform, c) -> {
                if (transform == Transform.NEW_TAKE || transform == Transform.OTHER_LAYOUT) {
                  return;
                }
                assertThat(c.recall())
                    .as("%s recall of %s", family, transform)
                    .isGreaterThanOrEqualTo(floor(family, transform));
              });
        });
  }

  /**
   * The target (0.95) where the detector meets it; a little under the measured value where
   * it does not (trims; WIPE, the first round's held-out family; STIR, this round's), so a
   * regression fails. The known gaps are BENCHMARKS.md's, at full size.
   */
  private static double floor(String family, Transform transform) {
    boolean trim = TRIMS.contains(transform);
    if (family.equals(Family.WIPE.name())) {
      // full size, corners: trims 0.48-0.54, trim + resample + units 0.26, resample 0.92,
      // float16 0.95, concatenation 0.89
      return switch (transform) {
        case TRIM, TRIM_REENCODE -> 0.3;
        case TRIM_RESAMPLE_UNITS -> 0.1;
        case RESAMPLE, FLOAT16 -> 0.75;
        case CONCATENATION -> 0.7;
        default -> 0.95;
      };
    }
    if (family.equals(HELD_OUT.name())) {
      // full size (BENCHMARKS.md), measured once with the final detector: trims 0.53-0.55, trim +
      // resample + units 0.33, resample 0.69, float16 0.83, concatenation 0.80, the rest 0.95
      return switch (transform) {
        case TRIM, TRIM_REENCODE -> 0.3;
        case TRIM_RESAMPLE_UNITS -> 0.1;
        case RESAMPLE -> 0.4;
        case FLOAT16 -> 0.7;
        case CONCATENATION -> 0.5;
        default -> 0.9;
      };
    }
    if (transform == Transform.TRIM_RESAMPLE_UNITS) {
      // full size 0.52-0.90: the price of minCorrelationOtherUnits 0.9998 (BENCHMARKS.md)
      return 0.4;
    }
    if (transform == Transform.RESAMPLE) {
      // full size 1.0 but for MIN_JERK 0.97-0.99; 12 pairs here, one miss is 0.917
      return 0.9;
    }
    return trim ? 0.7 : 0.95;
  }

  private static String[] names(Family[] families) {
    String[] out = new String[families.length];
    for (int i = 0; i < families.length; i++) {
      out[i] = families[i].name();
    }
    return out;
  }
}
