package dev.tributary.curation.video;

import dev.tributary.media.SampledFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * 64-bit perceptual hashes (DCT pHash) of an episode's sampled frames, per camera, and how close
 * two episodes' hash sequences are.
 *
 * <p><b>They confirm, they do not find.</b> Every take at one site shows the same table, bin and
 * camera pose; only the arm and the object move, which flips few of the 64 low-frequency bits. So
 * two <em>different</em> takes at one site often match frame for frame (measured on simulated
 * sites: see the module README). Use these hashes only to confirm a near-duplicate candidate that
 * the joint trajectory found (a re-encoded or re-sized copy keeps its hashes within a few bits),
 * never to generate candidates.
 *
 * <p>Hash: the frame's luma averaged to 32 x 32, its 2-D DCT, the 8 x 8 block of the lowest
 * frequencies without the DC row and column ({@code (v, u)} in 1..8), each bit set when the
 * coefficient is above the block's median; bit 63 (the sign bit) is {@code (1,1)}, then row by row.
 * Resolution, bitrate and codec barely change it; the frame's time position does.
 *
 * <p><b>Why one class of ~310 lines.</b> The hash, the per-camera sequences and the comparisons
 * that confirm a copy (matched fraction, aligned or not, and the distance stored with a match)
 * share the thresholds above and one value type that is written to and read from the tables.
 */
public final class FrameHashes {
  /** Frames within this many differing bits are the same picture (pHash practice: 10 of 64). */
  public static final int DEFAULT_MAX_FRAME_DISTANCE = 10;

  /** Share of frames that must match to confirm a duplicate (vPDQ-style, 80 %). */
  public static final double DEFAULT_MIN_MATCHED_FRACTION = 0.8;

  private static final int GREY_SIZE = FrameMath.THUMBNAIL;
  private static final int BLOCK = 8;

  private final Map<String, long[]> byCamera;
  private final Map<String, double[]> seconds;

  private FrameHashes(Map<String, long[]> byCamera, Map<String, double[]> seconds) {
    this.byCamera = byCamera;
    this.seconds = seconds;
  }

  /** Hashes of every sampled frame of every camera, in time order, with the frames' times. */
  public static FrameHashes of(List<CameraSample> cameras) {
    return of(cameras, FrameMath::thumbnailDct);
  }

  /**
   * {@link #of(List)} with each frame's {@link FrameMath#thumbnailDct} from {@code dct} (to share
   * it with the scene features).
   */
  public static FrameHashes of(List<CameraSample> cameras, Function<SampledFrame, double[]> dct) {
    Map<String, long[]> out = new LinkedHashMap<>();
    Map<String, double[]> times = new LinkedHashMap<>();
    for (CameraSample c : cameras) {
      List<SampledFrame> frames = c.video().frames();
      long[] hashes = new long[frames.size()];
      double[] t = new double[frames.size()];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = hashOfDct(dct.apply(frames.get(i)));
        t[i] = frames.get(i).timeSeconds();
      }
      out.put(c.cameraKey(), hashes);
      times.put(c.cameraKey(), t);
    }
    return new FrameHashes(Collections.unmodifiableMap(out), Collections.unmodifiableMap(times));
  }

  /**
   * Hashes read back from storage: camera key -> hashes in time order, and camera key -> their
   * video times in seconds (same lengths; cameras without times cannot be compared aligned).
   */
  public static FrameHashes of(Map<String, long[]> byCamera, Map<String, double[]> seconds) {
    Map<String, long[]> out = new LinkedHashMap<>();
    Map<String, double[]> times = new LinkedHashMap<>();
    byCamera.forEach((k, v) -> out.put(k, v.clone()));
    seconds.forEach(
        (k, v) -> {
          if (out.containsKey(k) && out.get(k).length == v.length) {
            times.put(k, v.clone());
          }
        });
    return new FrameHashes(Collections.unmodifiableMap(out), Collections.unmodifiableMap(times));
  }

  /** No frame. */
  public static FrameHashes empty() {
    return new FrameHashes(Map.of(), Map.of());
  }

  /** The pHash of one frame. */
  public static long hash(SampledFrame frame) {
    return hashOfDct(FrameMath.thumbnailDct(frame));
  }

  private static long hashOfDct(double[] dct) {
    double[] block = new double[BLOCK * BLOCK];
    for (int v = 0; v < BLOCK; v++) {
      for (int u = 0; u < BLOCK; u++) {
        block[v * BLOCK + u] = dct[(v + 1) * GREY_SIZE + (u + 1)];
      }
    }
    double[] sorted = block.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long bits = 0;
    for (int i = 0; i < block.length; i++) {
      if (block[i] > median) {
        bits |= 1L << (63 - i);
      }
    }
    return bits;
  }

  /** Differing bits of two hashes, 0-64. */
  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  public Set<String> cameras() {
    return byCamera.keySet();
  }

  /** The camera's hashes in time order (a copy); empty when the camera is unknown. */
  public long[] hashes(String camera) {
    long[] h = byCamera.get(camera);
    return h == null ? new long[0] : h.clone();
  }

  /** Video times (seconds) of the camera's hashed frames (a copy); empty when unknown. */
  public double[] seconds(String camera) {
    double[] t = seconds.get(camera);
    return t == null ? new double[0] : t.clone();
  }

  /**
   * Time-aligned comparison with a stored episode, for a candidate whose joint trajectory matched
   * at an offset: each of this episode's frames at time t is compared with the stored frame of the
   * same camera nearest to {@code t + offsetSeconds}, if one lies within {@code toleranceSeconds}.
   * Returns the share of compared frames within {@code maxDistance} bits, or NaN when no frame
   * could be compared (no shared camera, no times, or no overlap): then the frames have no opinion.
   * With N samples per camera the stored frames are {@code duration / N} apart, so a tolerance of
   * about half that compares every overlapping frame.
   */
  public double alignedMatchedFraction(
      FrameHashes stored, double offsetSeconds, double toleranceSeconds, int maxDistance) {
    int compared = 0;
    int matched = 0;
    for (Map.Entry<String, long[]> e : byCamera.entrySet()) {
      double[] mine = seconds.get(e.getKey());
      long[] theirs = stored.byCamera.get(e.getKey());
      double[] theirTimes = stored.seconds.get(e.getKey());
      if (mine == null || theirs == null || theirTimes == null) {
        continue;
      }
      for (int i = 0; i < mine.length; i++) {
        double target = mine[i] + offsetSeconds;
        int best = -1;
        for (int j = 0; j < theirTimes.length; j++) {
          if (best < 0 || Math.abs(theirTimes[j] - target) < Math.abs(theirTimes[best] - target)) {
            best = j;
          }
        }
        if (best >= 0 && Math.abs(theirTimes[best] - target) <= toleranceSeconds) {
          compared++;
          if (hamming(e.getValue()[i], theirs[best]) <= maxDistance) {
            matched++;
          }
        }
      }
    }
    return compared == 0 ? Double.NaN : (double) matched / compared;
  }

  /** Hashed frames over all cameras. */
  public int size() {
    int n = 0;
    for (long[] h : byCamera.values()) {
      n += h.length;
    }
    return n;
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Share (0-1) of this episode's frames whose nearest frame of the same camera in {@code other} is
   * within {@code maxDistance} bits. Cameras only one side has are left out; when the two share no
   * camera key (renamed cameras), all frames are pooled. 0 when nothing can be compared.
   */
  public double matchedFraction(FrameHashes other, int maxDistance) {
    int matched = 0;
    int total = 0;
    for (long[][] pair : pairs(other)) {
      for (long h : pair[0]) {
        total++;
        if (nearest(h, pair[1]) <= maxDistance) {
          matched++;
        }
      }
    }
    return total == 0 ? 0 : (double) matched / total;
  }

  /**
   * Symmetric distance in [0, 1]: the mean, over the frames of both episodes, of the bits to the
   * nearest frame of the other episode (same camera), divided by 64. 1 when nothing can be
   * compared.
   */
  public double distance(FrameHashes other) {
    long bits = 0;
    int total = 0;
    for (long[][] pair : pairs(other)) {
      for (long h : pair[0]) {
        bits += nearest(h, pair[1]);
        total++;
      }
      for (long h : pair[1]) {
        bits += nearest(h, pair[0]);
        total++;
      }
    }
    return total == 0 ? 1 : bits / (64.0 * total);
  }

  /**
   * True when the frames agree enough to confirm a near-duplicate candidate found from the joints:
   * at least 80 % of one side's frames (the shorter copy's, so trimmed copies qualify) within 10
   * bits of the other's. Only meaningful for a candidate; see the class comment.
   */
  public boolean confirms(FrameHashes other) {
    return Math.max(
            matchedFraction(other, DEFAULT_MAX_FRAME_DISTANCE),
            other.matchedFraction(this, DEFAULT_MAX_FRAME_DISTANCE))
        >= DEFAULT_MIN_MATCHED_FRACTION;
  }

  /** (this camera's hashes, other's hashes) for each shared camera, or everything pooled. */
  private List<long[][]> pairs(FrameHashes other) {
    List<long[][]> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byCamera.entrySet()) {
      long[] theirs = other.byCamera.get(e.getKey());
      if (theirs != null && theirs.length > 0 && e.getValue().length > 0) {
        out.add(new long[][] {e.getValue(), theirs});
      }
    }
    if (out.isEmpty() && !isEmpty() && !other.isEmpty()) {
      out.add(new long[][] {pooled(), other.pooled()});
    }
    return out;
  }

  private long[] pooled() {
    return byCamera.values().stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static int nearest(long h, long[] candidates) {
    int best = 64;
    for (long c : candidates) {
      best = Math.min(best, hamming(h, c));
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FrameHashes f) || !f.byCamera.keySet().equals(byCamera.keySet())) {
      return false;
    }
    for (Map.Entry<String, long[]> e : byCamera.entrySet()) {
      if (!Arrays.equals(e.getValue(), f.byCamera.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, long[]> e : byCamera.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FrameHashes[");
    byCamera.forEach(
        (k, v) -> {
          sb.append(k).append('=');
          for (long h : v) {
            sb.append(String.format("%016x", h)).append(' ');
          }
        });
    return sb.append(']').toString();
  }
}
