package dev.tributary.curation.testing;

import dev.tributary.curation.CurationPipeline;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.schema.table.LakeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A pipeline in a child JVM, for crash tests that kill it with SIGKILL. Prints {@code STAGE <name>}
 * at every commit stage so the test can kill it inside a commit.
 *
 * <p>Arguments: bootstrap servers, lake folder, consumer group, instance id.
 */
public final class PipelineProcess {
  private PipelineProcess() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    PipelineConfig config =
        PipelineConfig.defaults(args[0], LakeConfig.embedded(Path.of(args[1])))
            .withGroupId(args[2])
            .withInstanceId(args[3])
            .withCommitInterval(Duration.ofMillis(200))
            .withIndexSaveInterval(Duration.ofSeconds(1));
    CurationPipeline.start(
        config,
        new SimpleMeterRegistry(),
        QualityChecker.none(),
        stage -> {
          synchronized (out) {
            out.println("STAGE " + stage);
            out.flush();
          }
        });
    new CountDownLatch(1).await(); // until killed
  }
}
