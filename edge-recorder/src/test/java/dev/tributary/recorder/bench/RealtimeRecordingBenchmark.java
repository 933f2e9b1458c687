package dev.tributary.recorder.bench;

import dev.tributary.recorder.sim.SimRigConfig;
import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Heap and CPU of the recorder while recording in real time. Not a test: run with {@code java
 * -Xmx256m -cp <test classpath> dev.tributary.recorder.bench.RealtimeRecordingBenchmark [cameras]
 * [width] [height] [fps] [seconds]}.
 */
public final class RealtimeRecordingBenchmark {
  private RealtimeRecordingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int cameras = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 640;
    int height = args.length > 2 ? Integer.parseInt(args[2]) : 480;
    int fps = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    Spool spool =
        Spool.open(
            Files.createTempDirectory(Path.of("target"), "rt-bench"), SpoolConfig.defaults());
    SimulatedRig rig =
        new SimulatedRig(
            new SimRigConfig(
                "bench", "rig", cameras, width, height, fps, 30, true, Duration.ofSeconds(1)));
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    rig.record(spool, 1, 0, Duration.ofSeconds(2), () -> false); // warm-up
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    rig.record(spool, 1, 1, Duration.ofSeconds(seconds), () -> false);
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "%d camera(s) %dx%d@%d fps, real time, %d s: process CPU %.1f%% of one core, peak heap used %.1f MiB (max heap %.0f MiB)%n",
        cameras,
        width,
        height,
        fps,
        seconds,
        100 * cpu / wall,
        peakHeap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
