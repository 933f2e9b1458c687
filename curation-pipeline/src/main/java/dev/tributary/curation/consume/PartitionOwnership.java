package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.schema.topic.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ingest partitions this instance curates, kept in step with the consumer group. An assigned
 * partition is read from the lower SAFE its two tables recorded (never from Kafka's committed
 * offset), the indexes are rebuilt from {@code episodes} and recent verdicts published again. A
 * revoked partition is committed first, then forgotten; a lost one is forgotten without committing:
 * its new owner may already be writing it. Runs inside {@code poll}, on the consumer thread.
 */
final class PartitionOwnership implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);
  private static final String TOPIC = Topics.INGEST.name();

  private final String instanceId;
  private final Consumer<?, ?> consumer;
  private final LakeTables tables;
  private final Checkpointer checkpointer;
  private final Curator curator;
  private final EpisodeIndexes indexes;
  private final Publisher publisher;
  private volatile boolean ownsFirstPartition;
  // Set once the loop has left its main path: closing the consumer then calls this listener, which
  // must not commit (after a crash the in-memory batch may be half committed).
  private boolean closing;

  PartitionOwnership(
      String instanceId,
      Consumer<?, ?> consumer,
      LakeTables tables,
      Checkpointer checkpointer,
      Curator curator,
      EpisodeIndexes indexes,
      Publisher publisher) {
    this.instanceId = instanceId;
    this.consumer = consumer;
    this.tables = tables;
    this.checkpointer = checkpointer;
    this.curator = curator;
    this.indexes = indexes;
    this.publisher = publisher;
  }

  /**
   * Whether this instance owns ingest partition 0 right now: the one instance of a group that runs
   * group-wide chores (statistics, maintenance). Read from other threads.
   */
  boolean ownsFirstPartition() {
    return ownsFirstPartition;
  }

  /** From now on rebalance callbacks (from closing the consumer) commit nothing. */
  void closing() {
    closing = true;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty() || closing) {
      return;
    }
    checkpointer.checkpointNow(); // the indexes are rebuilt below: nothing decided only in memory
    Set<Integer> all = new HashSet<>(checkpointer.partitions());
    partitions.forEach(tp -> all.add(tp.partition()));
    TableOffsets episodes = TableOffsets.restore(tables.episodes(), TOPIC, all);
    TableOffsets frames = TableOffsets.restore(tables.frames(), TOPIC, all);
    Map<Integer, Long> republishFrom = new HashMap<>();
    for (TopicPartition tp : partitions) {
      int p = tp.partition();
      OptionalLong from = ProgressMath.resumeFrom(episodes.safe(p), frames.safe(p));
      if (from.isPresent()) {
        consumer.seek(tp, from.getAsLong());
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      long position = consumer.position(tp);
      long nextE = episodes.next(p).orElse(0);
      long nextF = frames.next(p).orElse(0);
      checkpointer.own(new PartitionProgress(p, nextE, nextF, position, position));
      republishFrom.put(p, episodes.safe(p).orElse(0));
      LOG.info(
          "partition {}-{} assigned to {}: reading from {} (episodes NEXT {}, frames NEXT {})",
          TOPIC,
          p,
          instanceId,
          position,
          nextE,
          nextF);
    }
    checkpointer.resetFence();
    ownsFirstPartition = checkpointer.owns(0);
    curator.pauseHeld();
    indexes.rebuild(republishFrom).forEach(publisher::verdict);
    publisher.flush();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty() || closing) {
      return;
    }
    checkpointer.checkpointNow();
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    LOG.warn(
        "partitions {} lost by {} (session expired); their uncommitted work is dropped",
        partitions,
        instanceId);
    if (!partitions.isEmpty()) {
      indexes.uncommittedDropped(); // their decisions are in memory, not in the table
    }
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      int p = tp.partition();
      checkpointer.release(p);
      ownsFirstPartition = checkpointer.owns(0);
      int dropped = curator.release(p);
      LOG.info(
          "partition {}-{} released by {}; {} incomplete episodes left to its next owner",
          TOPIC,
          p,
          instanceId,
          dropped);
    }
  }
}
