package dev.tributary.curation.dedup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Whether a match reproduces the stored episode's own samples (issue 16, seventh round). A robot
 * re-running one scripted skill (a Rethink Baxter's pick-and-place, a Kawada HIRO's snap assembly)
 * repeats its trajectory to within a few times its sensor noise: after the sketch's smoothing and
 * the coarse copy's one-byte codes, two runs differ by less than a trimmed or resampled copy's own
 * rounding and interpolation (correlation 0.9995-1.0, residuals of 0.002-0.3 codes squared against
 * 0.0002-0.06 for true copies, see BENCHMARKS.md), so no threshold on the coarse copy tells them
 * apart. Their raw samples do: a copy that keeps the values (renamed, re-encoded, trimmed,
 * concatenated) holds the stored episode's samples bit for bit, a float16 copy holds them rounded
 * to float16, and an independent run holds none of them (its noise is its own).
 *
 * <p>Kept per episode: a bottom-k sketch ({@link #K} smallest 32-bit hashes) of its windows of
 * {@link #WINDOW} consecutive samples in which at least two joints change (still stretches repeat
 * across runs to the encoder count), once of the values as they are and once rounded to float16
 * (empty when they already are float16), and whether its clock is irregular; appended to the coarse
 * copy's blob (see {@link CoarseTrajectory}), each set {@link SortedHashCode}d (issue 16, eighth
 * round: ~26 instead of 32 bits per hash, every bit kept; the blobs written before, {@link
 * #MAGIC_PLAIN}, 2 x 32 x 4 + 5 bytes, are still read). The bottom-k of a stretch is the part of
 * the whole's bottom-k that falls in it, so a trim's own bottom-k shares every stored window inside
 * the overlap.
 *
 * <p>{@link #independentRun} vetoes a same-units match only where it can be decided, when the
 * overlap should hold at least {@link #MIN_EXPECTED} shared windows: (1) it shares none and the new
 * episode's clock is irregular (no resampler writes one, so it is not the stored episode
 * re-interpolated); (2) the overlap is whole-episode and shares fewer than {@link #WHOLE_SHARED} of
 * the windows (two takes logged after one common prefix). A new episode on a regular clock that
 * shares nothing is left to the correlation (it may be a resample, at another rate or at its own
 * with another phase); {@link OneRecordingPerStretch} then keeps the stored take whose samples it
 * holds, or the best correlated.
 *
 * <p>Over ~300 lines because the sketch's layout (which windows, in which value form, with which
 * clock flag) is read by the veto and written to the blob in one place; split apart, each part
 * would need the others' constants.
 */
final class SampleWindows {
  /** Consecutive samples per window. */
  static final int WINDOW = 8;

  /** Windows kept per episode and value form. */
  static final int K = 32;

  /** Shared windows expected in the overlap below which nothing is decided. */
  static final double MIN_EXPECTED = 6;

  /**
   * A clock is irregular when more than this share of its sample intervals are off the median
   * interval by more than {@link #JITTER}: no resampler writes such a clock, so such an episode is
   * not a re-interpolation of another (a Baxter's ROS header stamps: steps of 9-110 ms).
   */
  static final double IRREGULAR_SHARE = 0.1;

  static final double JITTER = 0.05;

  /** An overlap of at least this share of both episodes is whole-episode. */
  static final double WHOLE = 0.9;

  /** The share of its windows a whole-episode copy shares at least (all, less the ends). */
  static final double WHOLE_SHARED = 2.0 / 3;

  private static final long BASE = 0x9E3779B97F4A7C15L;

  /** The windows' first byte in blobs written before the sets were coded: 4 bytes per hash. */
  static final byte MAGIC_PLAIN = 0x57; // 'W'

  /** The windows' first byte: both sets {@link SortedHashCode}d. */
  static final byte MAGIC = 0x58; // 'X'

  private final int[] exact;
  private final int[] half;
  private final boolean onHalfGrid;
  private final boolean irregularClock;

  private SampleWindows(int[] exact, int[] half, boolean onHalfGrid, boolean irregularClock) {
    this.exact = exact;
    this.half = half;
    this.onHalfGrid = onHalfGrid;
    this.irregularClock = irregularClock;
  }

  /** The windows of a trajectory's raw values. */
  static SampleWindows of(Trajectory t) {
    int n = t.samples();
    int joints = t.joints();
    float[][] raw = new float[joints][n];
    float[][] rounded = new float[joints][n];
    boolean grid = true;
    for (int j = 0; j < joints; j++) {
      for (int i = 0; i < n; i++) {
        double v = t.value(i, j);
        double h = half(v);
        grid &= h == v;
        raw[j][i] = (float) v;
        rounded[j][i] = (float) h;
      }
    }
    int[] exact = bottomK(raw, n);
    int[] half = grid ? new int[0] : bottomK(rounded, n);
    return new SampleWindows(exact, half, grid, irregular(t));
  }

  /**
   * The {@link #K} smallest window hashes: each sample hashed once over its joints, a window's hash
   * mixed from its samples' hashes, whether a joint changes in a window from running counts of its
   * changes (work per episode proportional to samples x (joints + window)).
   */
  private static int[] bottomK(float[][] values, int n) {
    int joints = values.length;
    if (n < WINDOW || joints == 0) {
      return new int[0];
    }
    int needed = Math.min(2, joints);
    long[] perSample = new long[n];
    int[][] changes = new int[joints][n]; // changes[j][i]: changes of joint j in samples 1..i
    for (int i = 0; i < n; i++) {
      long h = 0xCBF29CE484222325L;
      for (int j = 0; j < joints; j++) {
        h = (h ^ Float.floatToIntBits(values[j][i])) * 0x100000001B3L;
        changes[j][i] = i == 0 ? 0 : changes[j][i - 1] + (values[j][i] != values[j][i - 1] ? 1 : 0);
      }
      perSample[i] = mix(h);
    }
    // a window's hash: the polynomial of its samples' hashes, rolled one sample at a time
    long top = 1;
    for (int k = 1; k < WINDOW; k++) {
      top *= BASE;
    }
    long rolling = 0;
    for (int i = 0; i < WINDOW - 1; i++) {
      rolling = rolling * BASE + perSample[i];
    }
    long[] hashes = new long[n - WINDOW + 1];
    int m = 0; // hashes of windows that move
    for (int s = 0; s + WINDOW <= n; s++) {
      rolling = rolling * BASE + perSample[s + WINDOW - 1];
      int changing = 0;
      for (int j = 0; j < joints && changing < needed; j++) {
        if (changes[j][s + WINDOW - 1] > changes[j][s]) {
          changing++;
        }
      }
      if (changing >= needed) {
        hashes[m++] = mix(rolling) >>> 32;
      }
      rolling -= perSample[s] * top;
    }
    return smallest(hashes, m);
  }

  /** The {@link #K} smallest distinct values of {@code hashes[0..m)}, ascending. */
  private static int[] smallest(long[] hashes, int m) {
    long[] kept = new long[K];
    int k = 0;
    for (int i = 0; i < m; i++) {
      long h = hashes[i];
      if (k == K && h >= kept[K - 1]) {
        continue;
      }
      int at = Arrays.binarySearch(kept, 0, k, h);
      if (at >= 0) {
        continue;
      }
      at = -at - 1;
      int end = Math.min(k, K - 1);
      System.arraycopy(kept, at, kept, at + 1, end - at);
      kept[at] = h;
      k = Math.min(K, k + 1);
    }
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = (int) kept[i];
    }
    return out;
  }

  private static boolean irregular(Trajectory t) {
    int n = t.samples();
    if (n < 3) {
      return false;
    }
    double[] steps = new double[n - 1];
    for (int i = 1; i < n; i++) {
      steps[i - 1] = t.timeS(i) - t.timeS(i - 1);
    }
    double[] sorted = steps.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    if (median <= 0) {
      return false;
    }
    int off = 0;
    for (double d : steps) {
      if (Math.abs(d / median - 1) > JITTER) {
        off++;
      }
    }
    return off > IRREGULAR_SHARE * steps.length;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The nearest IEEE 754 half-precision value (ties to even; subnormals below 2^-14). */
  static double half(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    if (Math.getExponent(v) >= -14) {
      // keep 10 of the 52 mantissa bits, ties to even; a carry moves into the exponent
      long bits = Double.doubleToRawLongBits(v);
      long lsb = (bits >>> 42) & 1;
      bits += (1L << 41) - 1 + lsb;
      return Double.longBitsToDouble(bits & ~((1L << 42) - 1));
    }
    double step = Math.scalb(1.0, -24);
    return Math.rint(v / step) * step;
  }

  /**
   * Whether a same-units match is an independent run rather than a copy of the stored samples (see
   * the class comment); false whenever it cannot be decided.
   *
   * @param nominalSameRate whether the nominal sample rates agree (the index's rate rule): a new
   *     episode at another rate on a regular clock may be a resample, which keeps no sample
   */
  static boolean independentRun(
      CoarseTrajectory query,
      CoarseTrajectory stored,
      AlignedCorrelation.Alignment a,
      boolean nominalSameRate) {
    SampleWindows q = query.windows();
    SampleWindows s = stored.windows();
    if (!a.sameUnits() || q == null || s == null) {
      return false;
    }
    int[] theirs = q.onHalfGrid && !s.onHalfGrid ? s.half : s.exact;
    int[] ours = q.exact;
    double shareStored = Math.min(1, a.overlapS() / Math.max(1e-9, stored.spanS()));
    double shareQuery = Math.min(1, a.overlapS() / Math.max(1e-9, query.spanS()));
    double expected = Math.min(theirs.length * shareStored, ours.length * shareQuery);
    if (expected < MIN_EXPECTED) {
      return false;
    }
    int shared = q.shared(s);
    if (shared == 0) {
      // Nothing of the stored samples: decided only for a new episode on an irregular clock, which
      // no resampler writes. On a regular clock it may be the stored episode re-interpolated (at
      // another rate, or at its own with another phase), which keeps no sample either.
      return q.irregularClock;
    }
    // Over a whole-episode overlap a copy holds every window of both; two takes that share only a
    // stretch of samples (runs logged after one common prefix) are not copies of each other.
    boolean whole = shareStored >= WHOLE && shareQuery >= WHOLE;
    return whole && shared < WHOLE_SHARED * Math.min(ours.length, theirs.length);
  }

  /** For diagnostics: mean rate, exact and float16 windows kept, whether on the float16 grid. */
  @Override
  public String toString() {
    return String.format(
        "%s clock, %d exact, %d half%s",
        irregularClock ? "irregular" : "regular",
        exact.length,
        half.length,
        onHalfGrid ? ", float16 grid" : "");
  }

  /** Windows shared with another episode's (exact with exact, or with its float16 set). */
  int shared(SampleWindows stored) {
    int[] theirs = onHalfGrid && !stored.onHalfGrid ? stored.half : stored.exact;
    int n = 0;
    for (int h : exact) {
      for (int g : theirs) {
        if (g == h) {
          n++;
        }
      }
    }
    return n;
  }

  /** Bytes {@link #write} appends. */
  int bytes() {
    return 1 + 1 + SortedHashCode.bytes(exact) + SortedHashCode.bytes(half);
  }

  void write(ByteBuffer out) {
    out.put(MAGIC).put((byte) ((onHalfGrid ? 1 : 0) | (irregularClock ? 2 : 0)));
    SortedHashCode.write(exact, out);
    SortedHashCode.write(half, out);
  }

  /** Whether a blob's bytes from {@code from} on start with windows (either layout). */
  static boolean startAt(byte[] blob, int from) {
    return blob.length >= from + 4 && (blob[from] == MAGIC || blob[from] == MAGIC_PLAIN);
  }

  /**
   * The windows written at {@code from} of a blob (to its end), or null when there are none (older
   * copies) or they do not read back whole.
   */
  static SampleWindows read(byte[] blob, int from) {
    if (!startAt(blob, from)) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    in.position(from + 1);
    if (blob[from] == MAGIC) {
      int flags = in.get();
      int[] exact = SortedHashCode.read(in);
      int[] half = exact == null ? null : SortedHashCode.read(in);
      if (half == null || in.hasRemaining()) {
        return null;
      }
      return new SampleWindows(exact, half, (flags & 1) != 0, (flags & 2) != 0);
    }
    int flags = in.get();
    boolean grid = (flags & 1) != 0;
    boolean irregular = (flags & 2) != 0;
    int[] exact = new int[Byte.toUnsignedInt(in.get())];
    if (in.remaining() < 4 * exact.length + 1) {
      return null;
    }
    for (int i = 0; i < exact.length; i++) {
      exact[i] = in.getInt();
    }
    int[] half = new int[Byte.toUnsignedInt(in.get())];
    if (in.remaining() != 4 * half.length) {
      return null;
    }
    for (int i = 0; i < half.length; i++) {
      half[i] = in.getInt();
    }
    return new SampleWindows(exact, half, grid, irregular);
  }
}
