package dev.tributary.recorder.bench;

import dev.tributary.recorder.arm.ArmRecordCommandTest;
import dev.tributary.recorder.arm.FeetechBusEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU and heap of the recorder's distribution jar recording an emulated SO-101 follower and leader
 * (6 joints each, 12 Present_Position reads per sample) at 30 Hz, measured from outside: the
 * recorder runs as its own process ({@code java -jar}), the Feetech emulators in this one. Not a
 * test: {@code java [-Dcameras=3 -DcameraSize=640x480] -cp <test classpath>
 * dev.tributary.recorder.bench.ArmRecordingBenchmark <jar> [seconds] [java options…]}; with {@code
 * cameras}, that many FFmpeg lavfi {@code testsrc2} pictures at 30 fps stand in for cameras (their
 * picture generation runs in the recorder process and is counted).
 */
public final class ArmRecordingBenchmark {
  private ArmRecordingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path dir = Files.createTempDirectory("arm-bench");
    try (FeetechBusEmulator follower = ArmRecordCommandTest.calibratedFollower(dir);
        FeetechBusEmulator leader = ArmRecordCommandTest.calibratedLeader(dir)) {
      Path config = ArmRecordCommandTest.configure(dir, follower.hostPort(), leader.hostPort(), "");
      Files.writeString(config, Files.readString(config).replace("gateway=\n", ""));
      List<String> command =
          new ArrayList<>(
              List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (int i = 2; i < args.length; i++) {
        command.add(args[i]);
      }
      command.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "record",
              "--arm",
              "--config",
              config.toString(),
              "--episodes",
              "1",
              "--length",
              seconds + "s"));
      int cameras = Integer.getInteger("cameras", 0);
      String size = System.getProperty("cameraSize", "640x480");
      if (cameras > 0) {
        List<String> sources = new ArrayList<>();
        for (String name : List.of("top", "front", "wrist").subList(0, cameras)) {
          sources.add(name + "=testsrc2=size=" + size + ":rate=30");
        }
        command.addAll(
            List.of(
                "--camera",
                String.join(",", sources),
                "--camera-input",
                "lavfi",
                "--camera-size",
                size));
      }
      Process recorder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("recorder.log").toFile())
              .start();
      long pid = recorder.pid();
      Thread.sleep(5_000); // start-up and JIT warm-up are not steady state
      long cpu0 = cpuTicks(pid);
      long t0 = System.nanoTime();
      long peakHeapKb = 0;
      long peakRssKb = 0;
      List<Long> heaps = new ArrayList<>();
      while (recorder.isAlive() && System.nanoTime() - t0 < (seconds - 8) * 1_000_000_000L) {
        long heap = heapUsedKb(pid);
        heaps.add(heap);
        peakHeapKb = Math.max(peakHeapKb, heap);
        peakRssKb = Math.max(peakRssKb, rssKb(pid));
        Thread.sleep(1_000);
      }
      long cpu1 = cpuTicks(pid);
      double wall = (System.nanoTime() - t0) / 1e9;
      recorder.waitFor(seconds + 30L, TimeUnit.SECONDS);
      double cpuSeconds = (cpu1 - cpu0) / 100.0; // USER_HZ = 100
      System.out.printf(
          "recorder jar, 6+6 joints at 30 Hz through the emulator, %d camera(s), %.0f s steady state:%n"
              + "  process CPU %.2f s = %.1f %% of one core (%.1f ms per second of recording)%n"
              + "  heap used: median %d KiB, peak %d KiB (sampled each second with jstat); peak RSS %d MiB%n"
              + "  servo reads answered: follower %d, leader %d (per servo)%n",
          cameras,
          wall,
          cpuSeconds,
          100 * cpuSeconds / wall,
          1000 * cpuSeconds / wall,
          heaps.stream().sorted().toList().get(heaps.size() / 2),
          peakHeapKb,
          peakRssKb / 1024,
          follower.positionAnswers(1),
          leader.positionAnswers(1));
      Files.readAllLines(dir.resolve("recorder.log")).stream()
          .filter(l -> l.startsWith("episode"))
          .forEach(System.out::println);
    }
  }

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static long rssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  /** S0U + S1U + EU + OU from {@code jstat -gc}, in KiB. */
  static long heapUsedKb(long pid) throws Exception {
    Process jstat =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                "-gc",
                Long.toString(pid))
            .start();
    List<String> lines = new String(jstat.getInputStream().readAllBytes()).lines().toList();
    jstat.waitFor();
    if (lines.size() < 2) {
      return 0;
    }
    String[] head = lines.get(0).trim().split("\\s+");
    String[] values = lines.get(1).trim().split("\\s+");
    double used = 0;
    for (int i = 0; i < head.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
        used += Double.parseDouble(values[i]);
      }
    }
    return (long) used;
  }
}
