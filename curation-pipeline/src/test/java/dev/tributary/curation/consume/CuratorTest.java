package dev.tributary.curation.consume;

import static dev.tributary.curation.consume.LoopParts.episode;
import static dev.tributary.curation.consume.LoopParts.tp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.IngestEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds and retries, with Kafka's MockConsumer standing in for the ingest consumer. */
class CuratorTest {
  @TempDir Path dir;
  private boolean storeUp = true;
  private final List<String> checked = new ArrayList<>();
  private LoopParts parts;

  private final QualityChecker videoChecks =
      e -> {
        checked.add(e.episodeId());
        if (!storeUp) {
          throw VideoStoreUnavailableException.outage("connection refused", "the store", null);
        }
        return QualityReport.clean();
      };

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
  }

  private LoopParts parts() {
    parts = new LoopParts(dir, videoChecks);
    return parts;
  }

  @Test
  void anEpisodeTheStoreCannotServeIsHeldItsPartitionPausedAndRewoundPastItsCompletion() {
    LoopParts p = parts();
    p.assign(0, 1);
    storeUp = false;
    SyntheticEpisode e = episode(1);

    long completing = p.deliver(0, e.events());

    assertThat(p.consumer.paused()).containsExactly(tp(0));
    assertThat(p.consumer.position(tp(0))).isEqualTo(completing + 1);
    assertThat(p.indexes.isDecided(e.episodeId())).isFalse();
    TableCommitter.Progress progress = p.checkpointer.progress().get(0);
    assertThat(progress.nextEpisodes()).isEqualTo(completing);
    assertThat(progress.safe()).isZero();
  }

  @Test
  void recordsOfAHeldPartitionFetchedBeforeThePauseAreLeftForTheReRead() {
    LoopParts p = parts();
    p.assign(0);
    storeUp = false;
    long completing = p.deliver(0, episode(2).events());
    SyntheticEpisode next = episode(3);

    p.deliver(0, next.events());

    assertThat(p.checkpointer.partition(0).position).isEqualTo(completing + 1);
    assertThat(p.assembler.bufferedEpisodes()).isZero();
    assertThat(checked).hasSize(1);
  }

  @Test
  void aRetryAfterTheDelayDecidesTheHeldEpisodeAndResumesItsPartition() {
    LoopParts p = parts();
    p.assign(0);
    storeUp = false;
    SyntheticEpisode e = episode(4);
    long completing = p.deliver(0, e.events());

    p.now += 999;
    p.curator.tick();
    assertThat(checked).hasSize(1); // the first delay (1 s) has not passed

    p.now += 1;
    p.curator.tick();
    assertThat(checked).hasSize(2);
    assertThat(p.consumer.paused()).containsExactly(tp(0)); // still down: stays held

    storeUp = true;
    p.now += 2_000; // the second delay is twice the first
    p.curator.tick();

    assertThat(p.consumer.paused()).isEmpty();
    assertThat(p.indexes.isDecided(e.episodeId())).isTrue();
    assertThat(p.metrics.storeRetries()).isEqualTo(2);
    TableCommitter.Progress progress = p.checkpointer.progress().get(0);
    assertThat(progress.nextEpisodes()).isEqualTo(completing + 1);
    assertThat(progress.safe()).isZero(); // its row is not committed yet
  }

  @Test
  void aRetryTriesHeldEpisodesInPartitionOrderAndStopsAtTheFirstThatStillFails() {
    LoopParts p = parts();
    p.assign(0, 1, 2);
    storeUp = false;
    SyntheticEpisode onTwo = episode(5);
    SyntheticEpisode onZero = episode(6);
    p.deliver(2, onTwo.events());
    p.deliver(0, onZero.events());
    checked.clear();

    p.now += 1_000;
    p.curator.tick();
    assertThat(checked).containsExactly(onZero.episodeId()); // stopped at the first failure

    storeUp = true;
    checked.clear();
    p.now += 2_000;
    p.curator.tick();

    assertThat(checked).containsExactly(onZero.episodeId(), onTwo.episodeId());
    assertThat(p.consumer.paused()).isEmpty();
  }

  @Test
  void eventsOfADecidedEpisodeAreSkippedAndCounted() {
    LoopParts p = parts();
    p.assign(0);
    SyntheticEpisode e = episode(7);
    List<IngestEvent> events = e.events();
    p.deliver(0, events);

    p.deliver(0, events);

    assertThat(p.metrics.redelivered()).isEqualTo(events.size());
    assertThat(checked).hasSize(1);
  }

  @Test
  void aPoisonRecordIsDeadLetteredOnceAndNotAgainWhenReplayedBelowTheCheckpoint() {
    LoopParts p = parts();
    p.assign(0);
    byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);

    p.deliverRaw(0, 0, poison);
    p.checkpointer.checkpointNow();
    p.deliverRaw(0, 0, poison); // a replay from an older SAFE

    assertThat(p.deadLetterKeys()).containsExactly(LoopParts.TOPIC + "/0/0");
    assertThat(p.metrics.deadLetters()).isEqualTo(1);
  }

  @Test
  void theAssemblyTimeoutDoesNotRunWhileAnEpisodeIsHeld() {
    LoopParts p = parts();
    p.assign(0, 1);
    storeUp = false;
    p.deliver(0, episode(8).events());
    List<IngestEvent> incomplete = episode(9).events();
    p.deliver(1, incomplete.subList(0, 2));

    p.now += 60 * 60_000; // an hour of outage: far past the 10 min assembly timeout
    p.curator.tick();

    assertThat(p.assembler.bufferedEpisodes()).isEqualTo(1);
  }
}
