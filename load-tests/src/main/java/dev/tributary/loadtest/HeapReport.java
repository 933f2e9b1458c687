package dev.tributary.loadtest;

import java.util.List;

/** Summarises heap samples: floor after GC (min, max, least-squares trend), peak used. */
final class HeapReport {
  private static final double MIB = 1024.0 * 1024.0;

  private HeapReport() {}

  static String describe(List<HeapSampler.Sample> samples) {
    List<HeapSampler.Sample> afterGc =
        samples.stream().filter(s -> s.usedAfterLastGc() >= 0).toList();
    if (afterGc.size() < 2) {
      return "- too few heap samples (" + samples.size() + ")";
    }
    long min = Long.MAX_VALUE, max = 0, peakUsed = 0, peakCommitted = 0;
    for (HeapSampler.Sample s : afterGc) {
      min = Math.min(min, s.usedAfterLastGc());
      max = Math.max(max, s.usedAfterLastGc());
      peakUsed = Math.max(peakUsed, s.used());
      peakCommitted = Math.max(peakCommitted, s.committed());
    }
    double slope = slope(afterGc);
    double secondHalfSlope = slope(afterGc.subList(afterGc.size() / 2, afterGc.size()));
    HeapSampler.Sample first = afterGc.get(0);
    HeapSampler.Sample last = afterGc.get(afterGc.size() - 1);
    int q = Math.max(1, afterGc.size() / 4);
    double firstQuarter =
        afterGc.subList(0, q).stream()
                .mapToLong(HeapSampler.Sample::usedAfterLastGc)
                .max()
                .orElse(0)
            / MIB;
    double lastQuarter =
        afterGc.subList(afterGc.size() - q, afterGc.size()).stream()
                .mapToLong(HeapSampler.Sample::usedAfterLastGc)
                .max()
                .orElse(0)
            / MIB;
    return String.format(
        "- heap used after GC: min %.0f MiB, max %.0f MiB, least-squares trend %+.1f MiB/min over"
            + " %d samples (second half: %+.1f MiB/min); max after GC in the first quarter %.0f MiB, in the last quarter %.0f"
            + " MiB; peak used %.0f MiB, peak committed %.0f MiB; %d collections",
        min / MIB,
        max / MIB,
        slope,
        afterGc.size(),
        secondHalfSlope,
        firstQuarter,
        lastQuarter,
        peakUsed / MIB,
        peakCommitted / MIB,
        last.gcCount() - first.gcCount());
  }

  /** Least-squares slope of the after-GC heap, MiB per minute. */
  private static double slope(List<HeapSampler.Sample> samples) {
    long t0 = samples.get(0).epochMillis();
    double n = samples.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (HeapSampler.Sample s : samples) {
      double x = (s.epochMillis() - t0) / 60_000.0;
      double y = s.usedAfterLastGc() / MIB;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
