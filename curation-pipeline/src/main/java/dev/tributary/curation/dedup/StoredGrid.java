package dev.tributary.curation.dedup;

/**
 * Confirms a candidate on the stored copy's own sample times (issue 16, ninth round). The index
 * keeps 128 samples per joint of each episode, so a take longer than 12.7 s is kept under 10 Hz (a
 * 35-144 s take at 3.6-0.88 Hz). A clip or a resample of it is sketched at its own, other rate and
 * on other sample times; {@link AlignedCorrelation#at} reads the sparser copy at its samples and
 * interpolates the other between its own, and when neither rate resolves the motion (a patient
 * tracing a trail loop after loop has content of a second or two) the two copies differ by that
 * aliased part on every joint at once: round 12's trimmed, resampled and converted copies of 35-144
 * s takes correlated 0.9645-0.99986 at their true offset, and all of them 0.99996-1.0 with both
 * copies at 10 Hz (BENCHMARKS.md, issue 16, rounds 11 and 12 read after the eighth round).
 *
 * <p>The new episode is in memory when it is confirmed ({@link TrajectorySketch#fine}), so for each
 * offset the alignment tries, its copy is re-drawn from its smoothed 20 Hz joints at the stored
 * copy's rate, at the times of the stored samples (the stored grid shifted by the offset), and the
 * two are compared sample for sample by {@link AlignedCorrelation#at}, with no interpolation of
 * either copy: the stored copy's samples against the new episode's own smoothed values at those
 * instants, as a copy made from the same recording would give them. This holds in both directions:
 * a clip against a long stored take (the stored copy coarser), and a long take or a concatenation
 * against a stored clip of it (the new copy coarser: re-drawn at the stored copy's finer rate),
 * which is what confirms a longer copy found after a shorter one. The stored bytes do not change.
 *
 * <p>Used when either copy is under {@link CoarseTrajectory#MAX_RATE_HZ}, the rate above which the
 * sketch's smoothing leaves nothing worth keeping; two 10 Hz copies (every take up to 12.7 s) are
 * compared as before, and so is a sketch read back from bytes, which holds no smoothed joints.
 * Round 12 (3 draws): recall 0.9565 -> 1.0, every transform 1.0, no false pair; the other tuning
 * rounds, REAL and the synthetic families unchanged or better (one draw of rounds 2-7 lost one
 * clip, 3 draws none), round 9's re-runs tied at 1.00000 changing places (BENCHMARKS.md, issue 16,
 * ninth round).
 */
final class StoredGrid {
  private StoredGrid() {}

  /**
   * {@link AlignedCorrelation#align(CoarseTrajectory, CoarseTrajectory, double, double, double)},
   * on the stored copy's sample times when {@link #applies}.
   *
   * @param fine the new episode's smoothed joints (null: as before)
   * @param query the new episode's own coarse copy
   */
  static AlignedCorrelation.Alignment align(
      FineTrajectory fine,
      CoarseTrajectory query,
      CoarseTrajectory stored,
      double guessS,
      double giveUpBelow,
      double refineFrom) {
    if (!applies(fine, query, stored)) {
      return AlignedCorrelation.align(query, stored, guessS, giveUpBelow, refineFrom);
    }
    return AlignedCorrelation.align(
        offsetS -> at(fine, query, stored, offsetS), guessS, giveUpBelow, refineFrom);
  }

  /**
   * Whether the new episode is re-drawn: its smoothed joints are at hand, a copy is under 10 Hz.
   */
  static boolean applies(FineTrajectory fine, CoarseTrajectory query, CoarseTrajectory stored) {
    return fine != null
        && fine.joints() == stored.joints()
        && query.joints() == stored.joints()
        && stored.samples() >= 2
        && Math.min(query.rateHz(), stored.rateHz()) < CoarseTrajectory.MAX_RATE_HZ - 1e-6;
  }

  /**
   * The alignment at one offset, the new episode re-drawn on the stored samples' times. The first
   * stored sample at or after the new episode's start is {@code k0 = ceil(offsetS x rate)}; the
   * re-drawn copy starts at its time on the new episode's timeline, {@code k0 / rate - offsetS},
   * and is aligned at {@code k0 / rate}, where its samples fall on the stored ones. The answer is
   * stated on the new episode's own timeline and span (its offset, overlap start and length), as
   * {@link AlignedCorrelation#at} states it for the episode's own copy.
   */
  static AlignedCorrelation.Alignment at(
      FineTrajectory fine, CoarseTrajectory query, CoarseTrajectory stored, double offsetS) {
    double rate = stored.rateHz();
    double k0 = Math.ceil(offsetS * rate - 1e-9);
    double firstS = Math.max(0, k0 / rate - offsetS);
    CoarseTrajectory drawn = fine.drawnAt(rate, firstS);
    AlignedCorrelation.Alignment a = AlignedCorrelation.at(drawn, stored, offsetS + firstS);
    double start = Math.max(0, -offsetS);
    double end = Math.min(query.spanS(), stored.spanS() - offsetS);
    return new AlignedCorrelation.Alignment(
        offsetS,
        start,
        Math.max(0, end - start),
        a.correlation(),
        a.joints(),
        a.sameUnits(),
        a.sameScale(),
        a.rescaled());
  }
}
