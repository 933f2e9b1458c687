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

  /**
   * CPU seconds of this JVM's live threads that drive load: {@code main} (the open model's pacing
   * and the raw baseline's send loop), {@code vert.x-*} (the load generator's HTTP client) and
   * {@code kafka-producer-*} (the raw baseline's producer I/O). The rest of this JVM's CPU is the
   * broker's and S3Proxy's (plus GC and JIT threads, which are not Java threads).
   */
  static double driverSeconds() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (java.lang.management.ThreadInfo info :
        threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      if (name.equals("main") || name.startsWith("vert.x-") || name.startsWith("kafka-producer")) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        nanos += Math.max(0, t);
      }
    }
    return nanos / 1e9;
  }

  /**
   * CPU of {@code pid} (a child JVM: gateway or forwarder), of this JVM and of this JVM's load
   * drivers ({@link #driverSeconds}) from now on.
   */
  static Split split(String name, long pid) {
    return new Split(
        name,
        pid,
        seconds(pid),
        seconds(ProcessHandle.current().pid()),
        driverSeconds(),
        System.nanoTime());
  }

  /** CPU per chunk of the process under test, of the load driver and of the rest (the broker). */
  record Split(String name, long pid, double target0, double self0, double driver0, long wall0) {
    /**
     * @param chunks chunks acknowledged over the span (records for the raw baseline)
     * @param driverSeconds the driver's CPU over the span if known (>= 0), else measured now
     */
    Usage usage(double chunks, double driverSeconds) {
      double wall = (System.nanoTime() - wall0) / 1e9;
      double target = pid < 0 ? 0 : seconds(pid) - target0;
      double self = seconds(ProcessHandle.current().pid()) - self0;
      double driver = driverSeconds >= 0 ? driverSeconds : driverSeconds() - driver0;
      double n = Math.max(1, chunks);
      return new Usage(
          name,
          target / n * 1e6,
          target / wall,
          driver / n * 1e6,
          driver / wall,
          (self - driver) / n * 1e6,
          (self - driver) / wall,
          self / n * 1e6);
    }
  }

  /** CPU microseconds per chunk (and cores) of each process or part of the bench JVM. */
  record Usage(
      String name,
      double targetMicros,
      double targetCores,
      double driverMicros,
      double driverCores,
      double brokerMicros,
      double brokerCores,
      double benchJvmMicros) {
    String describe() {
      return String.format(
          "  CPU µs per chunk: %s %.1f (%.2f cores), load driver %.1f (%.2f cores), broker +"
              + " S3Proxy + GC/JIT of the bench JVM %.1f (%.2f cores); bench JVM total %.1f",
          name,
          targetMicros,
          targetCores,
          driverMicros,
          driverCores,
          brokerMicros,
          brokerCores,
          benchJvmMicros);
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
