package dev.tributary.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.site.SiteToken;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.FakeGateway;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a recorder JVM with SIGKILL at random points while it records and uploads, restarts it, and
 * checks on the receiving side that every episode is delivered exactly once and that nothing torn
 * was ever acknowledged.
 */
class CrashRecoveryIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static final String SITE = "crashsite";
  private static final int TRIALS = 20;

  /** Each run may record two more episodes than the last, so every run has fresh work. */
  private static final int EPISODES_PER_RUN = 2;

  private static final int EPISODES = TRIALS * EPISODES_PER_RUN;
  private static final long SEED = 3;

  @TempDir Path dir;
  private FakeGateway gateway;
  private Path spool;
  private Process child;

  @BeforeEach
  void start() throws Exception {
    gateway = FakeGateway.start();
    spool = dir.resolve("spool");
    SiteToken.store(spool, gateway.issueToken(SITE));
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    gateway.close();
  }

  private Process startRecorder(int run, int episodes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.tributary.recorder.cli.RecorderCli",
            "record",
            "--sim",
            "--site",
            SITE,
            "--gateway",
            gateway.url().toString(),
            "--spool",
            spool.toString(),
            "--episodes",
            String.valueOf(episodes),
            "--length",
            "1s",
            "--cameras",
            "1",
            "--width",
            "64",
            "--height",
            "48",
            "--fps",
            "10",
            "--seed",
            String.valueOf(SEED),
            "--progress-every",
            "500ms");
    Path log = dir.resolve("recorder-run-" + run + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** True once some episode on disk is still being recorded and its segment reached minBytes. */
  private boolean recordingInProgress(long minBytes) {
    Path episodes = spool.resolve("episodes");
    if (!Files.isDirectory(episodes)) {
      return false;
    }
    try (Stream<Path> dirs = Files.list(episodes)) {
      return dirs.anyMatch(
          d -> {
            try {
              Path ledger = d.resolve("ledger.json");
              Path segment = d.resolve("records.seg");
              return Files.exists(ledger)
                  && Files.readString(ledger).contains("\"RECORDING\"")
                  && Files.exists(segment)
                  && Files.size(segment) >= minBytes;
            } catch (IOException e) {
              return false; // renamed or deleted while we looked
            }
          });
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void episodesRecordedBeforeRepeatedSigkillsAreDeliveredExactlyOnceAndNothingTornIsAcknowledged()
      throws Exception {
    Random random = new Random(20261122);
    int killedWhileRecording = 0;
    int killedWhileUploading = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      int requestsBefore = gateway.requestCount();
      child = startRecorder(trial, (trial + 1) * EPISODES_PER_RUN);
      Process running = child;
      BooleanSupplier trigger;
      boolean duringRecording = trial % 2 == 0;
      if (duringRecording) {
        long minBytes = 200 + random.nextInt(2_500);
        trigger = () -> recordingInProgress(minBytes);
      } else {
        int requests = requestsBefore + 1 + random.nextInt(8);
        trigger = () -> gateway.requestCount() >= requests;
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> trigger.getAsBoolean() || !running.isAlive());
      if (!running.isAlive()) {
        List<String> lines = Files.readAllLines(dir.resolve("recorder-run-" + trial + ".log"));
        LOG.info(
            "trial {}: recorder exited by itself with {} before the kill point; last lines: {}",
            trial,
            running.exitValue(),
            lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      } else {
        running.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
        if (duringRecording) {
          killedWhileRecording++;
        } else {
          killedWhileUploading++;
        }
      }
      assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    LOG.info(
        "{} SIGKILLs while recording, {} while uploading; gateway saw {} requests",
        killedWhileRecording,
        killedWhileUploading,
        gateway.requestCount());
    assertThat(killedWhileRecording + killedWhileUploading).isGreaterThanOrEqualTo(TRIALS - 2);

    child = startRecorder(TRIALS, EPISODES);
    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("final run finishes").isTrue();
    assertThat(child.exitValue())
        .as("final run exit code (see recorder-run-" + TRIALS + ".log)")
        .isZero();

    verifyExactlyOnce();
  }

  private void verifyExactlyOnce() throws Exception {
    Spool reopened = Spool.open(spool, SpoolConfig.defaults());
    List<EpisodeLedger> ledgers = reopened.ledgers();
    Set<String> expectedIds =
        IntStream.range(0, EPISODES)
            .mapToObj(i -> SimulatedRig.episodeId(SITE, SEED, i))
            .collect(Collectors.toSet());

    assertThat(ledgers)
        .as("every episode reached a final state")
        .allMatch(l -> l.state() == EpisodeState.ACKNOWLEDGED);
    assertThat(ledgers.stream().map(EpisodeLedger::episodeId).collect(Collectors.toSet()))
        .as("every simulated episode was recorded, none twice")
        .isEqualTo(expectedIds);
    assertThat(gateway.committedEpisodes())
        .as("every episode committed at the gateway")
        .isEqualTo(expectedIds);

    Map<String, Set<String>> bodiesByKey =
        gateway.accepted().stream()
            .collect(
                Collectors.groupingBy(
                    FakeGateway.Accepted::logicalKey,
                    Collectors.mapping(FakeGateway.Accepted::bodySha256, Collectors.toSet())));
    List<String> conflicting = new ArrayList<>();
    bodiesByKey.forEach(
        (key, bodies) -> {
          if (bodies.size() != 1) {
            conflicting.add(key);
          }
        });
    assertThat(conflicting)
        .as("no logical event was delivered with two different contents")
        .isEmpty();

    for (String id : expectedIds) {
      EpisodeCommit commit = gateway.commit(id);
      List<JointChunk> chunks = gateway.chunks(id);
      assertThat(gateway.isComplete(id)).as(id + " complete").isTrue();
      assertThat(chunks).as(id + " chunk count").hasSize(commit.getChunkCount());
      assertThat(chunks.stream().mapToInt(c -> c.getCaptureMonoNanos().size()).sum())
          .isEqualTo(commit.getSampleCount());
      assertThat(JointContentHash.of(chunks))
          .as(id + " content hash")
          .isEqualTo(commit.getContentSha256().toString());
      assertThat(reopened.ledger(id).contentSha256())
          .isEqualTo(commit.getContentSha256().toString());
    }
  }
}
