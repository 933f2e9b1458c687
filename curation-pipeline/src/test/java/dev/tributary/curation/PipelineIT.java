package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.consume.CommitStageListener;
import dev.tributary.curation.quality.JointQualityChecker;
import dev.tributary.curation.quality.QualityThresholds;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.table.CuratedTables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/** The pipeline's behaviour on the real embedded stack: rows, duplicates, poison, verdicts. */
class PipelineIT extends PipelineITSupport {
  @Test
  void everyEpisodeLandsExactlyOnceWithItsFramesAndARedeliveryAddsNoRow() {
    start(config);
    List<SyntheticEpisode> eps = episodes(8);
    clients.publish(interleaved(eps));

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == eps.size());

    assertExactlyOnce(eps);
    Map<String, Record> rows = byId(reader.episodes(site));
    assertThat(rows.values())
        .allSatisfy(r -> assertThat(r.getField("status")).isEqualTo("ACCEPTED"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clients.verdicts())
                    .containsKeys(
                        eps.stream().map(SyntheticEpisode::episodeId).toArray(String[]::new)));

    long redeliveredBefore = pipelines.get(0).stats().redeliveredEvents();
    clients.publish(eps.get(0).events());
    await()
        .atMost(WAIT)
        .until(
            () ->
                pipelines.get(0).stats().redeliveredEvents()
                    >= redeliveredBefore + eps.get(0).events().size());
    assertExactlyOnce(eps);
  }

  @Test
  void aNewEpisodeIdWithTheSameJointDataIsRecordedAsADuplicateWithoutFrames() {
    start(config);
    long seed = random.nextLong();
    SyntheticEpisode original = SyntheticEpisode.builder().siteId(site).seed(seed).build();
    clients.publish(original.events());
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);

    SyntheticEpisode copy =
        SyntheticEpisode.builder()
            .siteId(site)
            .seed(seed)
            .chunkSize(50)
            .timeShiftMicros(3_600_000_000L)
            .jointNames(List.of("a", "b", "c", "d", "e", "f"))
            .build();
    clients.publish(copy.events());

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 2);
    Record dup = byId(reader.episodes(site)).get(copy.episodeId());
    assertThat(dup.getField("status")).isEqualTo("DUPLICATE");
    assertThat(dup.getField("duplicate_of")).isEqualTo(original.episodeId());
    assertThat(framesById(reader.frames(site))).containsOnlyKeys(original.episodeId());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CurationVerdict v = clients.verdicts().get(copy.episodeId());
              assertThat(v).isNotNull();
              assertThat(v.getStatus()).isEqualTo(VerdictStatus.DUPLICATE);
              assertThat(v.getDuplicateOf()).isEqualTo(original.episodeId());
            });
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndThePipelineKeepsGoing() {
    start(config);
    byte[] poison = ("not avro " + site).getBytes(StandardCharsets.UTF_8);
    clients.publishRaw("poison-" + site, poison);
    SyntheticEpisode after = episode(120);
    clients.publish(after.events());

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    List<DeadLetter> ours =
        clients.deadLetters().stream()
            .filter(d -> ByteBuffer.wrap(poison).equals(d.getValue()))
            .toList();
    assertThat(ours).isNotEmpty();
    assertThat(ours.get(0).getReason()).startsWith("not_single_object_encoding");
    assertThat(pipelines.get(0).stats().deadLettered()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anEpisodeWhoseContentHashDoesNotMatchIsRejectedWithTheReasonAndNoFrames() {
    start(config);
    SyntheticEpisode ep = episode(100);
    List<IngestEvent> events = new ArrayList<>(ep.events());
    EpisodeCommit wrong =
        EpisodeCommit.newBuilder(ep.commit).setContentSha256("00".repeat(32)).build();
    events.set(events.size() - 1, ep.event(wrong));
    clients.publish(events);

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    Record row = reader.episodes(site).get(0);
    assertThat(row.getField("status")).isEqualTo("REJECTED");
    assertThat(row.getField("reasons")).isEqualTo(List.of("content_hash_mismatch"));
    assertThat(reader.frames(site)).isEmpty();
  }

  @Test
  void anEpisodeMissingAChunkIsQuarantinedWithTheReasonAfterTheAssemblyTimeout() {
    start(config.withAssemblyTimeout(Duration.ofSeconds(1)));
    SyntheticEpisode ep = episode(200);
    List<IngestEvent> events =
        ep.events().stream()
            .filter(e -> !(e.getPayload() instanceof JointChunk c && c.getSequence() == 1))
            .toList();
    clients.publish(events);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CurationVerdict v = clients.verdicts().get(ep.episodeId());
              assertThat(v).isNotNull();
              assertThat(v.getStatus()).isEqualTo(VerdictStatus.QUARANTINED);
              assertThat(v.getReasons()).contains("assembly_timeout", "missing_chunks:[1]");
            });
    // The quarantined episode is a row (exactly once, like every decision) without frames...
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    Record row = reader.episodes(site).get(0);
    assertThat(row.getField("status")).isEqualTo("QUARANTINED");
    assertThat(row.getField("sample_count"))
        .isEqualTo(ep.sampleCount() - ep.chunks.get(1).getCaptureMonoNanos().size());
    assertThat(reader.frames(site)).isEmpty();
    // ... and the statistics job copies it to the quarantine table.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(reader.quarantine(site))
                    .extracting(r -> r.getField("episode_id"))
                    .contains(ep.episodeId()));
  }

  @Test
  void theConsumedOffsetsAreRecordedInTheSnapshotSummaryOfBothTables() {
    start(config);
    clients.publish(episode(100).events());
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);

    for (var id : CuratedTables.all()) {
      Snapshot s = reader.table(id).currentSnapshot();
      assertThat(s.summary().keySet())
          .anyMatch(
              k -> k.startsWith(CuratedTables.OFFSETS_SUMMARY_PREFIX + "tributary.ingest.v1."));
    }
  }

  @Test
  void anInvalidConfigurationFailsWithOneLineThatSaysWhatToFix() {
    assertThatThrownBy(() -> CurationPipeline.start(config.withCommitInterval(Duration.ZERO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commitInterval")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anEpisodeWithSyntheticTimestampsIsAcceptedWithoutAFlagAndKeepsItsTimestampSource() {
    start(
        config, new JointQualityChecker(QualityThresholds.defaults()), CommitStageListener.none());
    SyntheticEpisode ep = episode(150);
    EpisodeManifest synthetic =
        EpisodeManifest.newBuilder(ep.manifest)
            .setTimestampSource(TimestampSource.SYNTHETIC)
            .build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    events.set(0, ep.event(synthetic));
    clients.publish(events);

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    Record row = reader.episodes(site).get(0);
    // Where the timestamps come from is a property of the episode, not a finding.
    assertThat(row.getField("status")).isEqualTo("ACCEPTED");
    assertThat(row.getField("reasons")).isEqualTo(List.of());
    assertThat(row.getField("timestamp_source")).isEqualTo("SYNTHETIC");
    assertThat(reader.frames(site)).hasSize(150);
  }

  @Test
  void metricsCountEventsAndEpisodesByVerdict() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    pipelines.add(CurationPipeline.start(config, registry));
    clients.publish(episode(100).events());

    await().atMost(WAIT).until(() -> reader.episodes(site).size() == 1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(registry.get("tributary.curation.events.consumed").counter().count())
                  .isGreaterThanOrEqualTo(4);
              assertThat(registry.get("tributary.curation.commit.latency").timer().count())
                  .isPositive();
              assertThat(
                      registry
                          .get("tributary.curation.episodes")
                          .tag("verdict", "ACCEPTED")
                          .counter()
                          .count())
                  .isPositive();
            });
  }
}
