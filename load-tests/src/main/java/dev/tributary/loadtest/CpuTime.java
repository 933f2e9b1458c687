package dev.tributary.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (user + system, clock ticks of 10 ms), to say
 * how much of the two shared cores the gateway and the bench JVM used during a step.
 */
final class CpuTime {
  private static final double TICK_SECONDS = 0.01;

  private CpuTime() {}

  /** CPU seconds used so far by {@code pid}, or -1 where /proc is not available. */
  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 0, utime field 11, stime field 12
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU of the gateway and of this JVM from now on. */
  static Span start(long gatewayPid) {
    long self = ProcessHandle.current().pid();
    return new Span(gatewayPid, seconds(gatewayPid), seconds(self), System.nanoTime());
  }

  record Span(long gatewayPid, double gateway0, double self0, long wall0) {
    /** Cores used on average, and CPU microseconds per call for {@code calls} calls. */
    /** Like {@link #describe(double)}, plus the CPU per joint chunk when calls carry several. */
    String describe(double calls, double chunks) {
      if (chunks == calls) {
        return describe(calls);
      }
      double gateway = seconds(gatewayPid) - gateway0;
      double self = seconds(ProcessHandle.current().pid()) - self0;
      return describe(calls)
          + String.format(
              "; per chunk: gateway %.1f µs, bench JVM %.1f µs",
              gateway / Math.max(1, chunks) * 1e6, self / Math.max(1, chunks) * 1e6);
    }

    String describe(double calls) {
      double wall = (System.nanoTime() - wall0) / 1e9;
      double gateway = seconds(gatewayPid) - gateway0;
      double self = seconds(ProcessHandle.current().pid()) - self0;
      return String.format(
          "  CPU: gateway JVM %.2f cores (%.0f µs/call), bench JVM (broker + S3Proxy + load"
              + " generator) %.2f cores (%.0f µs/call)",
          gateway / wall,
          gateway / Math.max(1, calls) * 1e6,
          self / wall,
          self / Math.max(1, calls) * 1e6);
    }
  }
}
