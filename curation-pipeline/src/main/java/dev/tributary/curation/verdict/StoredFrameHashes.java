package dev.tributary.curation.verdict;

import dev.tributary.curation.video.FrameHashes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs an episode's frame hashes into the {@code episodes.frame_hashes} column (a list of longs)
 * and back: {@code [cameras, n0, hash, millis, hash, millis, ..., n1, ...]} in the manifest's
 * camera order. Cameras are keyed by position ("0", "1", ...), not by name, so a re-upload with
 * renamed camera keys still compares camera by camera.
 */
final class StoredFrameHashes {
  private StoredFrameHashes() {}

  /** Positional camera keys of a manifest's cameras. */
  static String key(int cameraIndex) {
    return Integer.toString(cameraIndex);
  }

  static long[] encode(FrameHashes hashes, List<String> cameraOrder) {
    List<Long> out = new ArrayList<>();
    out.add((long) cameraOrder.size());
    for (String camera : cameraOrder) {
      long[] h = hashes.hashes(camera);
      double[] t = hashes.seconds(camera);
      int n = t.length == h.length ? h.length : 0;
      out.add((long) n);
      for (int i = 0; i < n; i++) {
        out.add(h[i]);
        out.add(Math.round(t[i] * 1000));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Empty hashes for null, short or malformed input: the frames then have no opinion. */
  static FrameHashes decode(long[] packed) {
    if (packed == null || packed.length == 0) {
      return FrameHashes.empty();
    }
    Map<String, long[]> byCamera = new LinkedHashMap<>();
    Map<String, double[]> seconds = new LinkedHashMap<>();
    int at = 1;
    for (int c = 0; c < packed[0]; c++) {
      if (at >= packed.length) {
        return FrameHashes.empty();
      }
      int n = (int) packed[at++];
      if (n < 0 || at + 2L * n > packed.length) {
        return FrameHashes.empty();
      }
      long[] h = new long[n];
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        h[i] = packed[at++];
        t[i] = packed[at++] / 1000.0;
      }
      byCamera.put(key(c), h);
      seconds.put(key(c), t);
    }
    return FrameHashes.of(byCamera, seconds);
  }
}
