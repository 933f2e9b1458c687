package dev.tributary.curation.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * Stretches of a short new episode, each sketched from its own samples and looked up as a take of
 * its own (issue 16, eleventh round): the stretches its matches leave unexplained, or, when nothing
 * matched, each side of its seam if its joints jump somewhere in its middle part ({@link Seams}).
 * Their matches are placed on the new episode's timeline.
 *
 * <p>A short single movement concatenated after (or before) another take is lost otherwise: inside
 * the concatenation its landmarks are drawn with the whole take's joint levels and speeds, not its
 * own, a query over {@link ShortTakeLandmarks#MAX_S} probes none of the hashes a short take is
 * stored under, and the smoothing blurs the seam. Each candidate a stretch proposes is confirmed on
 * exactly the stretch the stored episode would span at the voted offset, sketched alone: an
 * unexplained stretch starts where the other match's overlap ends, often a tenth of a second before
 * the seam, and the other take's tail in it costs the correlation a same-unit copy must reach.
 * Stretch ends move to a seam within reach, so no stretch holds a sample of the other recording; a
 * stretch that reaches the new episode's end runs to its last sample ({@link #storedEndS}).
 *
 * <p>An episode that matched nothing is split only at a seam: splitting every short new take in
 * halves found the same concatenations in the tuning data but made the admission of new takes of
 * periodic motion (wipes, stirring) 3-4x as costly (their halves propose many similar takes, each
 * confirmed on its own stretch).
 *
 * <p>Only for sketches that hold their trajectory ({@link TrajectorySketch#source}: the new
 * episode's, not a stored one read back) of at most {@link
 * NearDuplicateIndex#TWO_MOMENT_QUERY_MAX_S}: in the tuning data, longer queries' stretches found
 * one more concatenation part and one false pair (a stirring lap inside another take's).
 */
final class StretchLookups {
  /** How far a stretch's inner end moves to a seam ({@link Seams}) before it is looked up. */
  static final double SEAM_REACH_S = 0.25;

  /** The shortest stretch looked up, and the shortest half. */
  static final double MIN_STRETCH_S = NearDuplicateIndex.SHORT_TAKE_MIN_OVERLAP_S;

  private final NearDuplicateIndex index;
  private long count;

  StretchLookups(NearDuplicateIndex index) {
    this.index = index;
  }

  /**
   * The lookup's matches, with those of the stretches it leaves unexplained added (or, if it found
   * nothing, those of each side of its seam, if it has one).
   */
  List<NearDuplicateMatch> lookUp(
      TrajectorySketch sketch, List<NearDuplicateMatch> matches, FrameConfirmation frames) {
    if (sketch.source() == null || sketch.durationS() > NearDuplicateIndex.TWO_MOMENT_QUERY_MAX_S) {
      return matches;
    }
    double span = sketch.coarse().spanS();
    double end = sketch.source().durationS();
    if (matches.isEmpty()) {
      // two short takes put together, if the joints jump between them: each side on its own
      Seams seams = Seams.of(sketch.source());
      double seam = seams.find(span / 2, span / 2 - MIN_STRETCH_S);
      return Double.isNaN(seam)
          ? matches
          : of(sketch, seams, List.of(new double[] {0, seam}, new double[] {seam, end}), frames);
    }
    if (QueryStretches.coveredShare(matches, span) < index.config().wholeCoverage()) {
      List<double[]> gaps = QueryStretches.unexplained(matches, span, MIN_STRETCH_S);
      if (gaps.isEmpty()) {
        return matches; // every unexplained stretch too short to look up
      }
      double[] last = gaps.get(gaps.size() - 1);
      if (last[1] >= span) {
        last[1] = end; // to the last sample, not the coarse grid's last point
      }
      List<NearDuplicateMatch> found = of(sketch, Seams.of(sketch.source()), gaps, frames);
      return index.union(matches, found, sketch.coarse());
    }
    return matches;
  }

  /** Stretches looked up so far (for tests). */
  long count() {
    return count;
  }

  private List<NearDuplicateMatch> of(
      TrajectorySketch sketch, Seams seams, List<double[]> stretches, FrameConfirmation frames) {
    List<NearDuplicateMatch> found = new ArrayList<>();
    double span = sketch.coarse().spanS();
    double end = sketch.source().durationS();
    for (double[] stretch : stretches) {
      count++;
      double[] gap = withinSeams(seams, end, stretch[0], stretch[1], SEAM_REACH_S);
      TrajectorySketch part = stretchOf(sketch, gap[0], gap[1]);
      LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(part);
      List<NearDuplicateIndex.Candidate> candidates = index.stretchCandidates(part, three, false);
      if (NearDuplicateIndex.twoMomentPass(part, three)) {
        candidates.addAll(index.stretchCandidates(part, three, true));
      }
      for (NearDuplicateIndex.Candidate c : candidates) {
        // where the stored episode starts and ends on the new episode's timeline at this offset
        double startS = gap[0] - c.offsetS();
        double[] within =
            withinSeams(
                seams,
                end,
                Math.max(0, startS),
                storedEndS(
                    startS, index.storedSpanS(c.episode()), index.storedStepS(c.episode()), end),
                NearDuplicateIndex.ALIGN_REACH_S);
        double fromS = within[0];
        double toS = within[1];
        if (toS - fromS < MIN_STRETCH_S) {
          continue;
        }
        TrajectorySketch exact = stretchOf(sketch, fromS, toS);
        // frames are compared on the whole new episode's timeline
        FrameConfirmation onWhole = m -> frames.review(placed(m, fromS, span)) == null ? null : m;
        List<NearDuplicateIndex.Candidate> one =
            List.of(new NearDuplicateIndex.Candidate(c.episode(), fromS - startS, c.votes()));
        for (NearDuplicateMatch m :
            index.confirm(exact, LandmarkHashes.threeMoments(exact), one, onWhole)) {
          found.add(placed(m, fromS, span));
        }
      }
    }
    return index.settled(found, sketch.coarse());
  }

  /**
   * Where a stored episode placed at {@code startS} ends on the new episode's timeline, at most at
   * the new episode's last sample ({@code endS}). A coarse copy's grid stops up to one of its steps
   * before the episode's last sample, so a stored episode whose grid reaches within one step of the
   * new episode's end is the new episode's last part and runs to its last sample. Cut at the grid's
   * last point instead, the stretch lost up to 0.1 s of the take's end, and with it the same-unit
   * judgement or the correlation: in round 15 (tuning data) the second take of a 2.4-3.2 s
   * concatenation was confirmed at 0.99887 "other units" or 0.99453 instead of 1.00000 by the
   * identity, its part alone found.
   */
  static double storedEndS(double startS, double storedSpanS, double storedStepS, double endS) {
    double gridEnd = startS + storedSpanS;
    return gridEnd + storedStepS >= endS ? endS : gridEnd;
  }

  /** A stretch's inner ends (not the new episode's own) moved to a seam within {@code reachS}. */
  private static double[] withinSeams(
      Seams seams, double endS, double fromS, double toS, double reachS) {
    return new double[] {
      fromS > 0 ? seams.snap(fromS, reachS) : fromS, toS < endS ? seams.snap(toS, reachS) : toS
    };
  }

  private static TrajectorySketch stretchOf(TrajectorySketch sketch, double fromS, double toS) {
    return TrajectorySketcher.sketch(sketch.source().stretch(fromS, toS), sketch.layout());
  }

  private NearDuplicateMatch placed(NearDuplicateMatch m, double fromS, double spanS) {
    return QueryStretches.placed(m, fromS, spanS, index.config().wholeCoverage());
  }
}
