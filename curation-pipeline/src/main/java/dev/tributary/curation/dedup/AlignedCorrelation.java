package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Confirms a candidate found by offset voting: slides the new episode's coarse copy over the stored
 * one around the voted offset, and at the best offset measures, per joint, the Pearson correlation
 * of the overlapping samples. Correlation is blind to per-joint affine maps (units, LeRobot's range
 * normalisation), so the score is the <em>lowest</em> correlation over the joints that move in the
 * overlap: a copy matches on every joint, while a new take of the same task usually differs on at
 * least one (another object position changes the shoulder and elbow, not only the gripper).
 *
 * <p>Over ~300 lines because the rules that decide which joints count and how (motion, levels, the
 * coarse joints' quantisation floor, unit identity) and the offset search (grid, then the peak
 * between grid points) all act on the one per-joint loop of {@link #at}; split apart they would
 * each need the overlap's geometry and sums passed around.
 */
final class AlignedCorrelation {
  /** A joint whose codes vary less than this (std, of 255) in the overlap is not compared. */
  static final double MIN_ACTIVE_STD_CODES = 2.0;

  /**
   * A joint is compared only if it really moves in both episodes (see {@link
   * CoarseTrajectory#motionRatio}): the smoothed shape of a joint that only trembles is sensor
   * noise, which resampling re-draws.
   */
  static final int MIN_MOTION_RATIO = 6;

  /**
   * A joint is compared only if its raw values span at least this many of its own quantisation
   * steps in both episodes ({@link CoarseTrajectory#levels}; issue 16, third round), unless fewer
   * than two joints would be compared: then every moving joint is, as before. Below it, the
   * smoothed shape is a staircase that a float16 round trip, a resample or a trim re-draws: real
   * takes' still joints that flip between two encoder values, hands reporting thousandths over a
   * range of 30, or a joint whose travel is 5-40 float16 steps at its magnitude correlated
   * 0.22-0.9987 with their own copies.
   */
  static final int MIN_LEVELS = 128;

  /**
   * A joint below {@link #MIN_LEVELS} is not held to the score's threshold, but it must not
   * contradict the match either (issue 16, fourth round): its correlation must reach {@code 1 - (Nq
   * / Vq + Ns / Vs)}, where V is the joint's variance in the overlap and N the variance that its
   * raw quantisation adds ({@code (255 / levels)^2 / 12} codes squared: a step of {@code 255 /
   * levels} codes, uniform error), in each copy. Two independent re-quantisations of one signal
   * lose about half that (the bound has a margin of two); a copy that keeps the raw values loses
   * nearly nothing. Never more than this cap: the joint only vetoes a gross disagreement (real
   * takes' coarse joints correlated 0.995-0.9987 with their own trimmed or resampled copies, a
   * float16 copy of a STIR gripper that only trembles 0.984). A servo-quantised joint that drifts
   * the other way, or at another place, in another take of the same loop (STIR: -0.9 to 0.34) fails
   * it; a joint whose quantisation noise is as large as its motion in the overlap (a flip between
   * two encoder values) can fail nothing.
   */
  static final double COARSE_JOINT_CAP = 0.9;

  /**
   * A joint coarse in one copy only (under {@link #MIN_LEVELS} there, resolved in the other: a
   * float16 round trip of a finely recorded joint) is held to {@code 1 - ONE_SIDED_NOISE_MARGIN x
   * (Nq / Vq + Ns / Vs)}, not capped at {@link #COARSE_JOINT_CAP} (issue 16, seventh round). Only
   * one copy was re-quantised, so a true copy loses about half of that noise share; the margin
   * covers a step larger than the one {@link JointLevels} finds (its low quantile of the gaps is
   * float16's step at the smallest magnitudes the joint takes; the step doubles with every binade
   * the values climb, so two binades up it is 4x, its variance 16x). Round 7's dVRK: psm2's six
   * joints fall under {@link #MIN_LEVELS} in a float16 copy, and another take of the same site,
   * whose psm1 repeats its path within 2-3 % of its range, was matched on psm1 alone; psm2 there
   * correlated 0.94-0.998, hundreds of times its quantisation share (32-1,660 over the 27 ordered
   * pairs of the dVRK's takes such a copy matched), while true float16 copies of every tuning real
   * take stay within 0.7 times it at their true offset, and within 3.6 when also trimmed by 20 % at
   * each end (the test-scope {@code CoarseCopyDiagnostics}, every ordered pair of a site's takes;
   * BENCHMARKS.md, issue 16, seventh round). A joint coarse in both copies (an encoder, a hand
   * reporting thousandths) keeps the capped floor.
   */
  static final double ONE_SIDED_NOISE_MARGIN = 16;

  /** The ends of an overlap are episode ends, where smoothing differs: leave them out. */
  static final double EDGE_S = 0.3;

  /**
   * In an overlap too short to leave {@link #EDGE_S} out (at most {@code 2 x EDGE_S + 1} s), the
   * slope of the unit-identity test ({@link #sameUnits}) is fitted only on the samples at least
   * this far from the overlap's ends (issue 16, twelfth round): twice the sketch's smoothing
   * ({@link TrajectorySketcher#SMOOTHING_S}), beyond which an end's clamped value weighs under 2.3
   * % in the Gaussian. A copy's smoothing near its own ends differs from the stored copy's at the
   * same instants: a resample starts up to one of its sample periods later and ends earlier (its
   * clamped end values lie inside the stored take's), a concatenation blends the other take in at
   * the seam. A joint whose motion in the overlap lies at its ends (a take's smallest-range joint,
   * drifting 0.6-3.5 degrees while the others reach through the middle) was then fitted slopes 4-11
   * % off in true resampled copies of 0.9-1.6 s exoskeleton takes and concatenations of them, which
   * said "other units" and held them to {@code minCorrelationOtherUnits} (round 14, 3 draws of the
   * test-scope {@code MissedPairDiagnostics}: 4 resampled copies and a concatenation's part missed
   * at 0.9988-0.9997); on the inner samples their slopes were within 3 %, or excused as too
   * uncertain where the joint moves little (see {@link #sameUnits}). The benchmark, 3 draws: round
   * 14 RESAMPLE 905 -> 906 of 912, CONCATENATION 306 -> 309 of 310, round 15 RESAMPLE 899 -> 901 of
   * 906; every other row of every tuning set, and round 9's false pairs, unchanged (BENCHMARKS.md,
   * issue 16, twelfth round). The values' shift is still judged on every sample (the two ends'
   * errors pull the other way and mostly cancel in the mean), and so are the correlation and {@link
   * Alignment#sameScale}; a unit conversion's slopes (0.017, 57, LeRobot's 200 over the joint's
   * range) stay far outside 3 % on any samples. Not used when fewer than {@link #MIN_INNER_SAMPLES}
   * samples are that far inside.
   */
  static final double UNITS_EDGE_S = 2 * TrajectorySketcher.SMOOTHING_S;

  /** Inner samples needed to fit the unit test's slope on them (see {@link #UNITS_EDGE_S}). */
  static final int MIN_INNER_SAMPLES = 4;

  /**
   * The variance, in codes squared, that rounding to one-byte codes adds to each copy: a uniform
   * error of +-0.5 code, 1/12. It is taken out of both variances before dividing (Spearman's
   * correction for attenuation): a joint that moves only a few codes in the overlap (a short clip
   * of a joint whose whole range is wide) otherwise loses 0.005-0.01 of correlation to rounding
   * alone, which is what failed most true short clips at the right offset.
   */
  private static final double QUANTISATION_VAR = 1.0 / 12;

  /**
   * How far the correction for rounding may be off, as a share of the rounding variance it takes
   * out (issue 16, fifth round): a joint's score is its corrected correlation plus this share of
   * {@code 1/12 / Vx + 1/12 / Vy} (V its variance in the overlap, in codes squared). The rounding
   * error of one overlap is not exactly 1/12 code squared, and the interpolation between coarse
   * samples weights it differently at every offset, so a joint that moves only a few codes in the
   * overlap (a stored take whose range is set by a move outside the copied stretch) keeps a
   * residual loss of 0.0002-0.006 at the right offset: the weakest joint of most missed real copies
   * once the flickering joints were left out (open50 and G1 arms, vy 5-260 codes squared). For a
   * joint that moves 20 codes or more this adds under 0.00005.
   */
  static final double ROUNDING_TOLERANCE = 0.2;

  /**
   * A joint's score also gets this many times the share of its variance in the overlap that a
   * smooth re-drawing between its recorded samples moves ({@link CoarseTrajectory#redrawVar}, in
   * each copy: {@code Rq / Vq + Rs / Vs}; issue 16, ninth round), as the rounding's share above: a
   * joint recorded at a rate that leaves it undefined between its samples cannot be held to a flat
   * bar. Round 11's Lite 6, moved by hand and recorded at 9 Hz, has wrist joints that wobble from
   * sample to sample: a resampled copy of one correlates 0.9994 (median) with it, below the
   * other-units rule's 0.99986 on the 5-6 joints such an arm compares, whatever the sketch does
   * (its trimmed, resampled, converted copies were found 0.39 of the time). Their share is 8e-5
   * (median over the moving joints of whole takes; 4.5e-4 at the 90th percentile, 1.2e-3 at most)
   * and more in a shorter overlap; a joint recorded at 20 Hz or more is not probed (0: every
   * synthetic family's take as recorded), and one smooth between its samples stays near 0 (10-18 Hz
   * real takes: medians under 2e-6; 15 Hz resamples of the synthetic families: at most 1.8e-4), so
   * no other joint's score moves. A copy that is such a re-drawing loses about half the summed
   * share (one copy re-drawn), so a margin of 1 allows about twice that: room for a copy re-drawn
   * at another rate and phase (2 was measured too: round 11 1.0 instead of 0.97, not needed).
   */
  static final double REDRAW_MARGIN = 1;

  private static final double SEARCH_S = 0.1;
  private static final double COARSE_STEP_S = 0.025;
  private static final double FINE_STEP_S = 0.0125;

  /**
   * Unit identity: slope within 3 %, and the values' means within {@link #SAME_VALUES_TOLERANCE}
   * (issue 16, third round; before: the intercept at zero within 3 %, see {@link #sameUnits}).
   */
  private static final double SAME_UNITS_TOLERANCE = 0.03;

  /**
   * Unit identity also needs the values where they are to agree within this fraction of the stored
   * joint's range. A copy in the same units has the same values (a float16 round trip moves them by
   * far less); a new take of the same task at the same site is in the same units too but another
   * object position moves its joints by a few percent of their range.
   */
  private static final double SAME_VALUES_TOLERANCE = 0.01;

  private AlignedCorrelation() {}

  /**
   * @param offsetS where the new episode's start lies on the stored episode's timeline
   * @param overlapStartS start of the overlap on the new episode's timeline
   * @param overlapS length of the overlap in seconds
   * @param correlation lowest per-joint correlation over the compared joints (-1 when none)
   * @param joints how many joints moved enough to be compared
   * @param sameUnits whether every compared joint maps onto the stored one by the identity
   * @param sameScale whether every compared joint keeps its scale (slope within 3 %), whatever its
   *     values: with {@code sameUnits} false, the map only shifts values (see {@link #onlyShifted})
   * @param rescaled whether every compared joint changed its scale (slope off by more than 3 %), as
   *     a conversion of units does to every joint it converts (see {@link #unitChange})
   */
  record Alignment(
      double offsetS,
      double overlapStartS,
      double overlapS,
      double correlation,
      int joints,
      boolean sameUnits,
      boolean sameScale,
      boolean rescaled) {

    /**
     * Joints compared, at least, for {@link #unitChange}: more than any match of another take in
     * other units had in the dedup benchmark (the synthetic families' 6-joint arms, a margin of
     * one; real takes' other takes never reached 0.995 there).
     */
    static final int UNIT_CHANGE_MIN_JOINTS = 8;

    /**
     * Not the identity, but a conversion of units on a robot with many compared joints (issue 16,
     * sixth round): every compared joint changed its scale (degrees and radians, LeRobot's
     * -100..100, servo counts: a conversion rescales every joint it converts; another take of the
     * same task at its site keeps the scale of most joints within a few percent), and at least
     * {@link #UNIT_CHANGE_MIN_JOINTS} joints were compared. Such a match is held to {@code
     * minCorrelation}, not {@code minCorrelationOtherUnits}: that stricter threshold was set by
     * other takes of 2-6 joints that are all functions of one stroke or loop phase (STIR, WIPE),
     * which free per-joint slopes and offsets fit to 0.9998-0.99999; on the real many-joint takes
     * it missed true trimmed, resampled, converted copies at 0.9990-0.99981 (a G1's fast hand
     * joints, which a resample re-draws: the lowest of 19-22 compared joints).
     */
    boolean unitChange() {
      return rescaled && !sameUnits && joints >= UNIT_CHANGE_MIN_JOINTS;
    }

    /**
     * Every compared joint keeps its scale but some joint's values moved (issue 16, fifth round):
     * not a re-expression of the stored numbers (degrees, radians and LeRobot's -100..100 all
     * change the scale of every joint they convert) but the same motion at other positions: another
     * take of the task at its site, whose object position shifts joints by a few percent of their
     * range. Such a match is not a copy at any correlation. In the dedup benchmark's tune and test
     * splits (REAL and the held-out real rounds with 3 draws) 47 matches had this form: 46 new
     * takes or trims of another take (a STIR take's trim matched another take of its site at
     * 0.99988, the "distinct takes of one task at one site"), one a true trimmed copy
     * already below the threshold. A re-upload whose joints were re-zeroed without rescaling would
     * be missed.
     */
    boolean onlyShifted() {
      return sameScale && !sameUnits && joints > 0;
    }
  }

  /**
   * The best alignment within {@link #SEARCH_S} of the voted offset. Votes place a copy within a
   * bin of 0.1 s, so a candidate far below the threshold there is not searched further.
   *
   * @param giveUpBelow correlation at the voted offset under which the search is skipped
   */
  static Alignment align(
      CoarseTrajectory query, CoarseTrajectory stored, double guessS, double giveUpBelow) {
    return align(query, stored, guessS, giveUpBelow, -2);
  }

  /**
   * {@link #align(CoarseTrajectory, CoarseTrajectory, double, double)}, refining the peak between
   * grid points only when the grid's best reaches {@code refineFrom}: the peak gains at most what 6
   * ms of misalignment cost (0.0001-0.0003 in REAL's diagnosed misses), so a candidate far below
   * the threshold is not refined (the index passes its {@code minCorrelation} minus {@link
   * #REFINE_MARGIN}).
   */
  static Alignment align(
      CoarseTrajectory query,
      CoarseTrajectory stored,
      double guessS,
      double giveUpBelow,
      double refineFrom) {
    return align(offsetS -> at(query, stored, offsetS), guessS, giveUpBelow, refineFrom);
  }

  /** The alignment at one offset of the new episode on the stored one's timeline. */
  interface AtOffset {
    Alignment at(double offsetS);
  }

  /**
   * {@link #align(CoarseTrajectory, CoarseTrajectory, double, double, double)}'s search over any
   * alignment per offset ({@link StoredGrid} re-draws the new episode's copy for each offset
   * tried).
   */
  static Alignment align(AtOffset at, double guessS, double giveUpBelow, double refineFrom) {
    Alignment best = at.at(guessS);
    if (best.correlation() < giveUpBelow) {
      return best;
    }
    for (double d = -SEARCH_S; d <= SEARCH_S + 1e-9; d += COARSE_STEP_S) {
      Alignment a = at.at(guessS + d);
      if (a.correlation() > best.correlation()) {
        best = a;
      }
    }
    double center = best.offsetS();
    for (double d = -COARSE_STEP_S; d <= COARSE_STEP_S + 1e-9; d += FINE_STEP_S) {
      Alignment a = at.at(center + d);
      if (a.correlation() > best.correlation()) {
        best = a;
      }
    }
    return best.correlation() >= refineFrom ? refine(at, best) : best;
  }

  /**
   * How far below the threshold a grid's best is still refined (several times the largest gain
   * seen).
   */
  static final double REFINE_MARGIN = 0.002;

  /** Golden-section steps of {@link #refine}: the bracket shrinks to 25 ms x 0.618^n. */
  private static final int REFINE_STEPS = 6;

  /**
   * The peak between the grid's neighbours of the best grid offset (issue 16, fourth round): the
   * grid's 12.5 ms leave up to 6 ms of misalignment, which a fast joint pays for with 0.0001-0.0003
   * of correlation: a trimmed and resampled copy (whose start falls anywhere between grid points)
   * then misses {@code minCorrelationOtherUnits} at the voted offset while it passes at its true
   * one. A golden-section search on the lowest joint's correlation, near its peak unimodal.
   */
  private static Alignment refine(AtOffset at, Alignment best) {
    double lo = best.offsetS() - FINE_STEP_S;
    double hi = best.offsetS() + FINE_STEP_S;
    double g = (Math.sqrt(5) - 1) / 2;
    double x1 = hi - g * (hi - lo);
    double x2 = lo + g * (hi - lo);
    Alignment a1 = at.at(x1);
    Alignment a2 = at.at(x2);
    for (int i = 0; i < REFINE_STEPS; i++) {
      if (a1.correlation() >= a2.correlation()) {
        hi = x2;
        x2 = x1;
        a2 = a1;
        x1 = hi - g * (hi - lo);
        a1 = at.at(x1);
      } else {
        lo = x1;
        x1 = x2;
        a1 = a2;
        x2 = lo + g * (hi - lo);
        a2 = at.at(x2);
      }
    }
    Alignment peak = a1.correlation() >= a2.correlation() ? a1 : a2;
    // A peak a few ms away must not lose the identity map the grid's best had (a joint that moves
    // little sits near the 1 % bound of the values' means): that would hold a same-unit copy to
    // the stricter threshold for a gain of 0.0001 in correlation.
    boolean keepsUnits = peak.sameUnits() || !best.sameUnits();
    return peak.correlation() > best.correlation() && keepsUnits ? peak : best;
  }

  /**
   * The alignment at one offset; samples on the sparser copy's grid, interpolates the other. (The
   * index confirms copies under 10 Hz through {@link StoredGrid}, which re-draws the new episode on
   * the stored samples' times so that nothing is interpolated.)
   */
  static Alignment at(CoarseTrajectory query, CoarseTrajectory stored, double offsetS) {
    return at(query, stored, offsetS, null);
  }

  /**
   * {@link #at}, also writing each joint's correlation into {@code perJoint} (NaN for a joint not
   * compared; diagnostics) when it is not null.
   */
  static Alignment at(
      CoarseTrajectory query, CoarseTrajectory stored, double offsetS, double[] perJoint) {
    Alignment a = at(query, stored, offsetS, perJoint, true);
    if (a.joints() >= Math.min(2, query.joints()) || !anyCoarse(query, stored)) {
      return a;
    }
    // Fewer than two joints are resolved finely enough (a robot with coarse encoders whose moves
    // are all short): compare the moving joints as before the levels rather than none.
    return at(query, stored, offsetS, perJoint, false);
  }

  private static Alignment at(
      CoarseTrajectory query,
      CoarseTrajectory stored,
      double offsetS,
      double[] perJoint,
      boolean finelyResolvedOnly) {
    if (perJoint != null) {
      Arrays.fill(perJoint, Double.NaN);
    }
    double start = Math.max(0, -offsetS);
    double end = Math.min(query.spanS(), stored.spanS() - offsetS);
    int joints = query.joints();
    if (end <= start || joints != stored.joints() || joints == 0) {
      return new Alignment(offsetS, start, Math.max(0, end - start), -1, 0, false, false, false);
    }
    boolean onQueryGrid = query.rateHz() <= stored.rateHz();
    CoarseTrajectory grid = onQueryGrid ? query : stored;
    double shift = onQueryGrid ? 0 : offsetS;
    double edge = end - start > 2 * EDGE_S + 1 ? EDGE_S : 0;
    int first = (int) Math.ceil((start + edge + shift) * grid.rateHz() - 1e-9);
    int last = (int) Math.floor((end - edge + shift) * grid.rateHz() + 1e-9);
    int n = last - first + 1;
    if (n < 4) {
      return new Alignment(offsetS, start, end - start, -1, 0, false, false, false);
    }
    // The samples the unit test fits its slope on: all of them where the ends are already left
    // out, else those UNITS_EDGE_S inside the ends when there are enough.
    int innerFirst = first;
    int innerLast = last;
    if (edge == 0) {
      int a = (int) Math.ceil((start + UNITS_EDGE_S + shift) * grid.rateHz() - 1e-9);
      int b = (int) Math.floor((end - UNITS_EDGE_S + shift) * grid.rateHz() + 1e-9);
      if (b - a + 1 >= MIN_INNER_SAMPLES) {
        innerFirst = a;
        innerLast = b;
      }
    }
    int inner = innerLast - innerFirst + 1;
    double lowest = 2;
    int compared = 0;
    boolean sameUnits = true;
    boolean identity = false; // some compared joint's slope is within 3 % as well
    boolean sameScale = true;
    boolean rescaled = true;
    for (int j = 0; j < joints; j++) {
      if (!moves(query, stored, j)) {
        continue;
      }
      boolean coarse = finelyResolvedOnly && !resolved(query, stored, j);
      Moments all = Moments.of(query, stored, j, first, last, grid.rateHz(), onQueryGrid, offsetS);
      double vx = all.varX();
      double vy = all.varY();
      double minVar = MIN_ACTIVE_STD_CODES * MIN_ACTIVE_STD_CODES;
      if (vx < minVar || vy < minVar) {
        continue;
      }
      double cov = all.cov();
      double corrected = cov / Math.sqrt((vx - QUANTISATION_VAR) * (vy - QUANTISATION_VAR));
      if (coarse) {
        // Not compared for the score; a veto only when it disagrees beyond its quantisation.
        if (corrected < coarseFloor(query.levels(j), vx, stored.levels(j), vy)) {
          lowest = Math.min(lowest, corrected);
          if (perJoint != null) {
            perJoint[j] = corrected;
          }
        }
        continue;
      }
      double score =
          Math.min(
              1,
              corrected
                  + ROUNDING_TOLERANCE * (QUANTISATION_VAR / vx + QUANTISATION_VAR / vy)
                  + REDRAW_MARGIN * (query.redrawVar(j) / vx + stored.redrawVar(j) / vy));
      lowest = Math.min(lowest, score);
      if (perJoint != null) {
        perJoint[j] = score;
      }
      compared++;
      double unitSlope = cov / vx;
      double unitVar = vy;
      if (inner < n) {
        // A short overlap: the slope on its inner samples, unless the joint does not move there
        // (as minVar says). A second pass over them, so that a longer overlap costs nothing more.
        Moments in =
            Moments.of(
                query, stored, j, innerFirst, innerLast, grid.rateHz(), onQueryGrid, offsetS);
        if (in.varX() >= minVar) {
          unitSlope = in.cov() / in.varX();
          unitVar = in.varY();
        }
      }
      sameUnits &= sameUnits(query, stored, j, unitSlope, all.meanX(), all.meanY(), unitVar);
      identity |= sameUnits(query, stored, j, unitSlope, all.meanX(), all.meanY(), 0);
      boolean keepsScale = sameScale(query, stored, j, cov / vx);
      sameScale &= keepsScale;
      rescaled &= !keepsScale;
    }
    int needed = Math.min(2, joints);
    return new Alignment(
        offsetS,
        start,
        end - start,
        compared >= needed ? lowest : -1,
        compared,
        sameUnits && identity,
        sameScale,
        rescaled);
  }

  /**
   * One joint's sums over grid samples {@code [from, to]} of an alignment: the sparser copy's own
   * samples ({@code onQueryGrid}: the new episode's), the other copy interpolated at their times
   * shifted by the offset. {@code x} is the new episode's code, {@code y} the stored one's.
   */
  record Moments(int n, double sx, double sy, double sxx, double syy, double sxy) {
    static Moments of(
        CoarseTrajectory query,
        CoarseTrajectory stored,
        int j,
        int from,
        int to,
        double rateHz,
        boolean onQueryGrid,
        double offsetS) {
      double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
      for (int i = from; i <= to; i++) {
        double t = i / rateHz;
        double x = onQueryGrid ? query.code(j, i) : query.codeAt(j, t - offsetS);
        double y = onQueryGrid ? stored.codeAt(j, t + offsetS) : stored.code(j, i);
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
      return new Moments(to - from + 1, sx, sy, sxx, syy, sxy);
    }

    double meanX() {
      return sx / n;
    }

    double meanY() {
      return sy / n;
    }

    double varX() {
      return sxx / n - (sx / n) * (sx / n);
    }

    double varY() {
      return syy / n - (sy / n) * (sy / n);
    }

    double cov() {
      return sxy / n - (sx / n) * (sy / n);
    }
  }

  /**
   * The lowest correlation a joint below {@link #MIN_LEVELS} may have without vetoing the match
   * (see {@link #COARSE_JOINT_CAP}, and {@link #ONE_SIDED_NOISE_MARGIN} for a joint coarse in one
   * copy only); variances in codes squared over the overlap.
   */
  static double coarseFloor(int levelsQuery, double varQuery, int levelsStored, double varStored) {
    if (levelsQuery <= 0 || levelsStored <= 0) {
      return -1; // a joint that holds one value in either copy says nothing
    }
    double noise = quantisationNoise(levelsQuery, varQuery, levelsStored, varStored);
    double floor = Math.min(COARSE_JOINT_CAP, 1 - noise);
    boolean oneSided = (levelsQuery >= MIN_LEVELS) != (levelsStored >= MIN_LEVELS);
    return oneSided ? Math.max(floor, 1 - ONE_SIDED_NOISE_MARGIN * noise) : floor;
  }

  /**
   * The share of a joint's variance in the overlap that the raw quantisation of both copies adds,
   * {@code Nq / Vq + Ns / Vs} (see {@link #COARSE_JOINT_CAP}); variances in codes squared.
   */
  static double quantisationNoise(
      int levelsQuery, double varQuery, int levelsStored, double varStored) {
    return quantisationVar(levelsQuery) / varQuery + quantisationVar(levelsStored) / varStored;
  }

  /** The variance, in codes squared, that rounding to {@code levels} steps over 255 codes adds. */
  private static double quantisationVar(int levels) {
    double step = 255.0 / levels;
    return step * step / 12;
  }

  /** Whether a joint spans at least {@link #MIN_LEVELS} quantisation steps in both episodes. */
  private static boolean resolved(CoarseTrajectory query, CoarseTrajectory stored, int j) {
    return query.levels(j) >= MIN_LEVELS && stored.levels(j) >= MIN_LEVELS;
  }

  /** Whether some joint is below {@link #MIN_LEVELS} in either episode. */
  private static boolean anyCoarse(CoarseTrajectory query, CoarseTrajectory stored) {
    for (int j = 0; j < query.joints(); j++) {
      if (!resolved(query, stored, j)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a joint really moves, judged on the stored episode and, unless the new one is a shorter
   * part of it, on the new one too. A trimmed clip's own ratio says little (a clip that is all
   * motion has a high median speed), while a concatenation can make a still joint of the stored
   * episode move in its other half.
   */
  private static boolean moves(CoarseTrajectory query, CoarseTrajectory stored, int j) {
    return stored.motionRatio(j) >= MIN_MOTION_RATIO
        && (query.spanS() < stored.spanS() || query.motionRatio(j) >= MIN_MOTION_RATIO);
  }

  /** Whether the fitted map stored = slope * query + intercept keeps the scale in real units. */
  private static boolean sameScale(CoarseTrajectory q, CoarseTrajectory s, int j, double slope) {
    return q.step(j) != 0
        && s.step(j) != 0
        && Math.abs(slope * s.step(j) / q.step(j) - 1) <= SAME_UNITS_TOLERANCE;
  }

  /**
   * Whether the fitted map stored = slope * query + intercept is the identity in real units: the
   * values agree where they are, and the slope is within 3 % or, for a joint that moves little in
   * the overlap, too uncertain to say otherwise (issue 16, fifth round): off by so little that over
   * two standard deviations of the stored joint ({@code varStored}, codes squared; 0: no such
   * allowance) the map moves values by at most the values' tolerance. A stored joint that moves a
   * few codes in the copied stretch fits slopes 4-16 % off in true trimmed copies (its rounding),
   * which said "other units" and held them to the stricter threshold. The match still needs one
   * joint within 3 %. In a short overlap the slope and {@code varStored} are the inner samples'
   * ({@link #UNITS_EDGE_S}), the means every sample's.
   */
  private static boolean sameUnits(
      CoarseTrajectory q,
      CoarseTrajectory s,
      int j,
      double slope,
      double meanX,
      double meanY,
      double varStored) {
    if (q.step(j) == 0 || s.step(j) == 0) {
      return false;
    }
    double realSlope = slope * s.step(j) / q.step(j);
    // The map's shift where the values are (their means), not its intercept at zero: a joint that
    // moves 0.02 rad around 1 rad would turn a 0.4 % slope error into a 13 % intercept.
    double shift = s.min(j) + s.step(j) * meanY - (q.min(j) + q.step(j) * meanX);
    double range = 255 * s.step(j);
    return Math.abs(shift) <= SAME_VALUES_TOLERANCE * range
        && (Math.abs(realSlope - 1) <= SAME_UNITS_TOLERANCE
            || Math.abs(realSlope - 1) * 2 * Math.sqrt(varStored) <= SAME_VALUES_TOLERANCE * 255);
  }
}
