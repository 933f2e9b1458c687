package dev.tributary.curation.dedup;

/**
 * Hashes of landmark triplets, Shazam-style: an anchor landmark and two of the landmarks that
 * follow it within {@link #MAX_SPAN_S}. A hash combines the three joints and move directions, each
 * member's time after the earliest quantised in 25 ms bins (so trimming, which shifts every time,
 * and resampling, which does not change seconds, leave it intact), and for landmarks on the same
 * joint the quantised ratio of their peak speeds (unit-free). The anchor's time travels with the
 * hash for offset voting.
 *
 * <p>Triplets are formed from every three landmarks within {@link #MAX_SPAN_S} (not from the next
 * few landmarks), so a landmark that a copy gains or loses costs only its own triplets. The query
 * also probes the neighbouring time bin when a time lies near a bin edge; only the query, not
 * memory, pays for that.
 */
final class LandmarkHashes {
  /**
   * Time bin of the members' offsets: 25 ms. Landmark times move by a few ms under resampling and
   * jitter, and the query probes the neighbouring bin near an edge; 50 ms bins gave the same recall
   * on the simulated takes but half the specificity (posting lists twice as long).
   */
  static final double TIME_BIN_S = 0.025;

  /** All three members lie within this span: a window in seconds, not a count of landmarks. */
  static final double MAX_SPAN_S = 4.0;

  /**
   * Members at least this far apart in time: three moments of the motion, not one. Coordinated
   * joints peak together, and a triplet of one moment hashes only its three joints, which every
   * episode shares (long postings, slow lookups). Near this gap the order of two landmarks can flip
   * between copies; the {@code canonical} order and the time probes absorb it.
   */
  static final double MIN_GAP_S = 0.15;

  /**
   * Every triplet whose hash falls below this (of 65536) is used (now all): sampling by hash value
   * keeps the same triplets in every copy, and would cut postings and lookups alike.
   */
  static final int SAMPLED_BELOW = 1 << 16;

  /** Postings per episode at most; longer episodes keep a hash-chosen subset (see below). */
  static final int MAX_POSTINGS = 160;

  /** Amplitude-ratio bin: 12/16 of a natural log, a factor of 2.1 in peak speed. */
  private static final int AMPLITUDE_BIN = 12;

  /** Probe the neighbouring bin when a gap is within this fraction of a bin from its edge. */
  private static final double PROBE_MARGIN = 0.3;

  /** Receives one hash (28 bits) and its anchor's time. */
  interface Sink {
    void accept(int hash, double anchorTimeS);
  }

  private LandmarkHashes() {}

  /**
   * The hashes to index. When an episode has more than {@link #MAX_POSTINGS} triplets, it keeps
   * those whose hash falls in the lowest fraction of the hash space: a choice by value, so every
   * copy of the episode keeps the same ones wherever it was cut.
   */
  static void forIndex(TrajectorySketch sketch, Sink sink) {
    int keepBelow = keepBelow(sketch);
    triplets(
        sketch,
        false,
        (h, t) -> {
          if (kept(h, keepBelow)) {
            sink.accept(h, t);
          }
        });
  }

  /** Every triplet {@link #forIndex} considers, before subsampling. */
  static void indexTriplets(TrajectorySketch sketch, Sink sink) {
    triplets(sketch, false, sink);
  }

  /** The subsampling threshold of a sketch's postings (65536: all kept). */
  static int keepBelow(TrajectorySketch sketch) {
    int[] count = {0};
    triplets(sketch, false, (h, t) -> count[0]++);
    return count[0] <= MAX_POSTINGS
        ? SAMPLED_BELOW
        : (int) ((long) MAX_POSTINGS * SAMPLED_BELOW / count[0]);
  }

  /** Whether an episode indexed with this threshold holds a posting of this hash. */
  static boolean kept(int hash, int keepBelow) {
    return (subsample(hash) & 0xFFFF) < keepBelow;
  }

  /** The hashes to look up, with the wider fan-out and the neighbouring-bin probes. */
  static void forQuery(TrajectorySketch sketch, Sink sink) {
    triplets(sketch, true, sink);
  }

  private static void triplets(TrajectorySketch s, boolean probe, Sink sink) {
    int n = s.landmarks();
    int[] member = new int[3];
    int[][] bins = new int[3][2];
    int[] binCount = new int[3];
    for (int a = 0; a < n; a++) {
      double ta = s.landmarkTimeS(a);
      for (int b = a + 1; b < n && s.landmarkTimeS(b) - ta <= MAX_SPAN_S; b++) {
        if (s.landmarkTimeS(b) - ta < MIN_GAP_S) {
          continue;
        }
        for (int c = b + 1; c < n && s.landmarkTimeS(c) - ta <= MAX_SPAN_S; c++) {
          if (s.landmarkTimeS(c) - s.landmarkTimeS(b) < MIN_GAP_S) {
            continue;
          }
          canonical(s, a, b, c, member);
          long shape = shape(s, member);
          for (int i = 0; i < 3; i++) {
            binCount[i] = bins((s.landmarkTimeS(member[i]) - ta) / TIME_BIN_S, probe, bins[i]);
          }
          for (int i = 0; i < binCount[0]; i++) {
            for (int k = 0; k < binCount[1]; k++) {
              for (int m = 0; m < binCount[2]; m++) {
                int hash = hash(shape, bins[0][i], bins[1][k], bins[2][m]);
                if (kept(hash, SAMPLED_BELOW)) {
                  sink.accept(hash, ta);
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * The triplet's members ordered by landmark code (joint and direction), then time. Not by time:
   * coordinated joints peak within milliseconds of each other, and their time order flips between
   * copies, while their codes do not. Times enter the hash as offsets from the earliest member.
   */
  private static void canonical(TrajectorySketch s, int a, int b, int c, int[] out) {
    out[0] = a;
    out[1] = b;
    out[2] = c;
    for (int i = 1; i < 3; i++) {
      for (int k = i; k > 0 && s.landmarkCode(out[k - 1]) > s.landmarkCode(out[k]); k--) {
        int t = out[k];
        out[k] = out[k - 1];
        out[k - 1] = t;
      }
    }
  }

  /** The bin of a gap, plus its neighbour when probing near an edge; returns how many. */
  private static int bins(double x, boolean probe, int[] out) {
    int base = (int) Math.floor(x);
    out[0] = base;
    if (!probe) {
      return 1;
    }
    double f = x - base;
    if (f < PROBE_MARGIN && base > 0) {
      out[1] = base - 1;
      return 2;
    }
    if (f > 1 - PROBE_MARGIN) {
      out[1] = base + 1;
      return 2;
    }
    return 1;
  }

  /** Joint count, the three landmark codes, and the same-joint amplitude ratios. */
  private static long shape(TrajectorySketch s, int[] m) {
    long key = s.joints();
    for (int i = 0; i < 3; i++) {
      key = key << 8 | s.landmarkCode(m[i]);
    }
    key = key << 4 | ratio(s, m[0], m[1]);
    key = key << 4 | ratio(s, m[0], m[2]);
    key = key << 4 | ratio(s, m[1], m[2]);
    return key;
  }

  private static int ratio(TrajectorySketch s, int x, int y) {
    if ((s.landmarkCode(x) >> 1) != (s.landmarkCode(y) >> 1)) {
      return 0;
    }
    int d = s.landmarkAmplitude(y) - s.landmarkAmplitude(x);
    int q = Math.round(d / (float) AMPLITUDE_BIN);
    return Math.max(-7, Math.min(7, q)) & 0xF;
  }

  private static int hash(long shape, int offset0, int offset1, int offset2) {
    long key =
        shape * 0x9E3779B97F4A7C15L + ((long) offset0 << 32 | (long) offset1 << 16 | offset2);
    return (int) (mix(key) >>> 36);
  }

  private static long subsample(int hash) {
    return mix(hash ^ 0x5DEECE66DL);
  }

  /** SplitMix64's finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
