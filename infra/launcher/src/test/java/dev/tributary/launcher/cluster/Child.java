package dev.tributary.launcher.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One OS process of the cluster test: started from a command, its output in a log file. */
final class Child implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  private Child(String name, List<String> command, Path log) {
    this.name = name;
    this.command = command;
    this.log = log;
  }

  /** A JVM running {@code mainClass} with this test's classpath. */
  static Child java(String name, Path logDir, String heap, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return new Child(name, cmd, logDir.resolve(name + ".log"));
  }

  static Child command(String name, Path logDir, List<String> command) {
    return new Child(name, command, logDir.resolve(name + ".log"));
  }

  Child start() {
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name + " failed", e);
    }
  }

  /** Waits until the log holds {@code text}; fails with the log's tail if the process died. */
  Child awaitLog(String text, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      if (logText().contains(text)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + "):\n" + tail());
      }
      sleep(200);
    }
    throw new IllegalStateException(
        name + " did not log '" + text + "' in " + atMost + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, and wait for it to end. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(30))) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
      }
    }
  }

  boolean waitFor(Duration atMost) {
    try {
      return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** CPU time the process has used so far (user + system), in seconds. */
  double cpuSeconds() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .map(d -> d.toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  /**
   * SIGQUIT: a JVM prints every thread's stack to its output (this child's log) and goes on. For
   * reading what a stalled process waits for.
   */
  void threadDump() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-QUIT", String.valueOf(process.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("SIGQUIT to " + name + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  String name() {
    return name;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  String tail() {
    String text = logText();
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
