package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The loop's parts wired as {@link CurationLoop} wires them, around Kafka's {@code MockConsumer}
 * and {@code MockProducer}, a real lake in a temporary folder and a clock the test moves. Events
 * are handed to the curator as polled records would be, with offsets counted per partition.
 */
final class LoopParts implements AutoCloseable {
  static final String TOPIC = Topics.INGEST.name();
  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final PipelineConfig.StoreRetry RETRY =
      new PipelineConfig.StoreRetry(Duration.ofSeconds(1), Duration.ofSeconds(4));

  final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
  final LakeTables tables;
  final List<CommitStage> stages = new ArrayList<>();
  final EpisodeAssembler assembler = new EpisodeAssembler(Duration.ofMinutes(10), 100);
  final HeldEpisodes held = new HeldEpisodes(RETRY, metrics);
  final Publisher publisher = new Publisher(producer);
  final TableCommitter committer;
  final Checkpointer checkpointer;
  final EpisodeIndexes indexes;
  final Curator curator;
  final PartitionOwnership ownership;
  private final Map<Integer, Long> nextOffset = new HashMap<>();
  long now = 1_000;
  CommitStageListener onStage = CommitStageListener.none();

  LoopParts(Path dir, QualityChecker quality) {
    tables = LakeTables.open(LakeConfig.embedded(dir));
    committer =
        new TableCommitter(
            tables,
            "test",
            stage -> {
              stages.add(stage);
              onStage.reached(stage);
            });
    checkpointer =
        new Checkpointer(
            consumer, committer, publisher, assembler, held, metrics, INTERVAL, () -> now);
    indexes = new EpisodeIndexes(tables.episodes(), metrics);
    curator =
        new Curator(
            consumer,
            assembler,
            held,
            new EpisodeDecider(quality),
            indexes,
            checkpointer,
            publisher,
            metrics,
            () -> now);
    ownership =
        new PartitionOwnership("test", consumer, tables, checkpointer, curator, indexes, publisher);
    consumer.subscribe(List.of(TOPIC), ownership);
  }

  static TopicPartition tp(int partition) {
    return new TopicPartition(TOPIC, partition);
  }

  /** A rebalance that leaves this instance with exactly these partitions (each starting at 0). */
  void assign(Integer... partitions) {
    Map<TopicPartition, Long> beginning = new HashMap<>();
    List<TopicPartition> tps = new ArrayList<>();
    for (int p : partitions) {
      beginning.put(tp(p), 0L);
      tps.add(tp(p));
    }
    consumer.updateBeginningOffsets(beginning);
    consumer.rebalance(tps);
  }

  /**
   * Hands these events to the curator as the next records of a partition; returns the last offset.
   */
  long deliver(int partition, List<IngestEvent> events) {
    long offset = nextOffset.getOrDefault(partition, 0L);
    for (IngestEvent e : events) {
      deliverRaw(partition, offset++, Topics.INGEST.codec().encode(e));
    }
    nextOffset.put(partition, offset);
    return offset - 1;
  }

  void deliverRaw(int partition, long offset, byte[] value) {
    curator.handle(new ConsumerRecord<>(TOPIC, partition, offset, "key", value));
    nextOffset.put(partition, Math.max(nextOffset.getOrDefault(partition, 0L), offset + 1));
  }

  /** Rewinds a partition's offsets, as a re-read after a seek would deliver them again. */
  void rewind(int partition, long offset) {
    nextOffset.put(partition, offset);
  }

  static SyntheticEpisode episode(long seed) {
    return SyntheticEpisode.builder().seed(seed).samples(120).chunkSize(64).build();
  }

  List<String> verdictKeys() {
    return producer.history().stream()
        .filter(r -> r.topic().equals(Topics.VERDICTS.name()))
        .map(ProducerRecord::key)
        .toList();
  }

  List<String> deadLetterKeys() {
    return producer.history().stream()
        .filter(r -> r.topic().equals(Topics.DEAD_LETTER.name()))
        .map(ProducerRecord::key)
        .toList();
  }

  @Override
  public void close() {
    tables.close();
  }
}
