package dev.tributary.curation.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link PipelineProcess} in a child JVM, killed with SIGKILL by the test. */
public final class ChildPipeline implements AutoCloseable {
  private final Process process;
  private final List<String> stages = new CopyOnWriteArrayList<>();

  private ChildPipeline(Process process, String name) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (line.startsWith("STAGE ")) {
                    stages.add(line.substring("STAGE ".length()));
                  } else {
                    System.out.println("[" + name + "] " + line);
                  }
                }
              } catch (IOException e) {
                // the process was killed; its output ends here
              }
            },
            "child-pipeline-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildPipeline start(
      String bootstrap, Path lakeDir, String group, String instanceId, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PipelineProcess.class.getName());
    cmd.add(bootstrap);
    cmd.add(lakeDir.toString());
    cmd.add(group);
    cmd.add(instanceId);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      return new ChildPipeline(p, instanceId + "#" + p.pid());
    } catch (IOException e) {
      throw new UncheckedIOException("starting a child pipeline failed", e);
    }
  }

  /** Waits until the child reports this commit stage for the {@code n}-th time. */
  public void awaitStage(String stage, int n, Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("child pipeline exited: " + process.exitValue());
              }
              return stages.stream().filter(stage::equals).count() >= n;
            });
  }

  /** SIGKILL, and wait for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
