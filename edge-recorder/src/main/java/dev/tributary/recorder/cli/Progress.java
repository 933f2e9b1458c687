package dev.tributary.recorder.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** One progress line every interval: counts plus upload throughput in bytes/s. */
final class Progress {
  private final PrintWriter out;
  private final LongSupplier bytesSent;
  private final LongSupplier bytesPending;
  private final Supplier<String> counts;
  private long lastBytes;
  private long lastNanos = System.nanoTime();

  Progress(
      PrintWriter out, LongSupplier bytesSent, LongSupplier bytesPending, Supplier<String> counts) {
    this.out = out;
    this.bytesSent = bytesSent;
    this.bytesPending = bytesPending;
    this.counts = counts;
    this.lastBytes = bytesSent.getAsLong();
  }

  void print() {
    long now = System.nanoTime();
    long bytes = bytesSent.getAsLong();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    double rate = (bytes - lastBytes) / seconds;
    lastBytes = bytes;
    lastNanos = now;
    long pending = bytesPending.getAsLong();
    String eta =
        pending == 0
            ? "done"
            : rate < 1 ? "unknown" : formatSeconds((long) Math.ceil(pending / rate));
    out.printf(
        "%s | sent %s at %s/s | %s to send, ETA %s%n",
        counts.get(), human(bytes), human((long) rate), human(pending), eta);
    out.flush();
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }

  static String formatSeconds(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }
}
