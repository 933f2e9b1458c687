package dev.tributary.recorder.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** One progress line every interval: counts plus upload throughput in bytes/s. */
final class Progress {
  private final PrintWriter out;
  private final LongSupplier bytesSent;
  private final Supplier<String> counts;
  private long lastBytes;
  private long lastNanos = System.nanoTime();

  Progress(PrintWriter out, LongSupplier bytesSent, Supplier<String> counts) {
    this.out = out;
    this.bytesSent = bytesSent;
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
    out.printf("%s | sent %s at %s/s%n", counts.get(), human(bytes), human((long) rate));
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
}
