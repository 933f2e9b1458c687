package dev.tributary.enginecheck;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code ./tributary run} in a child JVM, started as the script starts it ({@code java -cp
 * infra/launcher/target/classes:$(cat infra/launcher/target/classpath.txt)
 * dev.tributary.launcher.TributaryCli}), so the platform's classpath never meets Spark's. Every
 * port is picked free; the catalog's URL is read from what the command prints.
 */
final class PlatformProcess implements AutoCloseable {
  private static final Pattern ICEBERG_REST =
      Pattern.compile("Iceberg REST\\s+(http://\\S+/iceberg)");

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private URI restUri;

  private PlatformProcess(Process process, Path dataDir, Path log) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Starts {@code tributary run} on {@code dataDir} with {@code runOptions} added; returns at once.
   */
  static PlatformProcess start(Path launcherDir, Path dataDir, Path log, String... runOptions) {
    Path classes = launcherDir.resolve("target/classes");
    Path classpathFile = launcherDir.resolve("target/classpath.txt");
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          classpathFile + " is missing: build the launcher first (mvn -B -DskipTests package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // ./tributary's heap; C1 only, as the other multi-process tests do: a one-minute run
    command.addAll(List.of("-Xms256m", "-Xmx1536m", "-XX:TieredStopAtLevel=1", "-cp"));
    try {
      command.add(classes + ":" + Files.readString(classpathFile).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    command.addAll(List.of("dev.tributary.launcher.TributaryCli", "run"));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    for (String port :
        List.of(
            "--kafka-port",
            "--s3-port",
            "--gateway-port",
            "--catalog-port",
            "--pipeline-metrics-port")) {
      command.addAll(List.of(port, "0"));
    }
    command.addAll(List.of(runOptions));
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
      return new PlatformProcess(process, dataDir, log);
    } catch (IOException e) {
      throw new UncheckedIOException("starting tributary run failed", e);
    }
  }

  /** Waits until the platform printed its banner; fails with the log's tail if it died. */
  PlatformProcess awaitRunning(Duration atMost) {
    try {
      await("tributary run printing its Iceberg REST URL")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "tributary run exited (" + process.exitValue() + "):\n" + tail());
                }
                Matcher m = ICEBERG_REST.matcher(logText());
                if (m.find()) {
                  restUri = URI.create(m.group(1));
                }
                return restUri != null;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "tributary run did not start in " + atMost + ":\n" + tail(), e);
    }
    return this;
  }

  /** The Iceberg REST endpoint, e.g. {@code http://127.0.0.1:40123/iceberg}. */
  URI restUri() {
    return restUri;
  }

  /** The catalog service's base URL (dashboard, /api/v1/...). */
  URI catalogUrl() {
    return restUri.resolve("/");
  }

  /**
   * The catalog's admin token, from the file the platform keeps it in (as an operator reads it).
   */
  String catalogAdminToken() {
    try {
      return Files.readString(dataDir.resolve("catalog-admin-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail() {
    String text = logText();
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  private String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM, as Ctrl-C: the platform stops in reverse order; forcibly after a minute. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
