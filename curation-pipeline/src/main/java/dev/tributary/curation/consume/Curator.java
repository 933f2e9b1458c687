package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.verdict.Decided;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.curation.verdict.MemoryEntry;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns ingest events into decisions or holds: skips events of decided episodes, assembles, decides
 * complete episodes and hands the decisions to the {@link Checkpointer}; quarantines episodes that
 * do not complete in time. An episode whose videos cannot be read because the store is down is held
 * ({@link HeldEpisodes}): its partition is paused and rewound to the event after the completing
 * one, so decisions within a partition stay in offset order, and it is retried with backoff (module
 * README, "Object store outages"). Consumer thread only.
 */
final class Curator {
  private static final Logger LOG = LoggerFactory.getLogger(Curator.class);
  private static final String TOPIC = Topics.INGEST.name();

  private final Consumer<?, ?> consumer;
  private final EpisodeAssembler assembler;
  private final HeldEpisodes held;
  private final EpisodeDecider decider;
  private final EpisodeIndexes indexes;
  private final Checkpointer checkpointer;
  private final Publisher publisher;
  private final PipelineMetrics metrics;
  private final LongSupplier clock;

  /**
   * @param consumer paused, rewound and resumed around holds
   * @param clock monotonic milliseconds
   */
  Curator(
      Consumer<?, ?> consumer,
      EpisodeAssembler assembler,
      HeldEpisodes held,
      EpisodeDecider decider,
      EpisodeIndexes indexes,
      Checkpointer checkpointer,
      Publisher publisher,
      PipelineMetrics metrics,
      LongSupplier clock) {
    this.consumer = consumer;
    this.assembler = assembler;
    this.held = held;
    this.decider = decider;
    this.indexes = indexes;
    this.checkpointer = checkpointer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * One polled record: ignored if its partition is no longer owned or is held (fetched before the
   * pause; the partition was rewound to re-read it after the resume), dead-lettered if it does not
   * decode, curated otherwise.
   */
  void handle(ConsumerRecord<String, byte[]> rec) {
    PartitionProgress p = checkpointer.partition(rec.partition());
    if (p == null || held.isHeld(rec.partition())) {
      return;
    }
    p.position = rec.offset() + 1;
    metrics.eventConsumed();
    IngestEvent event;
    try {
      event = Topics.INGEST.codec().decode(rec.value());
    } catch (InvalidPayloadException e) {
      if (rec.offset() >= p.handledBefore()) { // else dead-lettered before the last checkpoint
        publisher.deadLetter(rec, e.reasonCode() + ": " + e.getMessage());
        metrics.deadLettered();
      }
      return;
    }
    curate(rec.partition(), rec.offset(), event);
  }

  /** Adds an event to its episode; an episode it completes is decided or held. */
  void curate(int partition, long offset, IngestEvent event) {
    if (indexes.isDecided(event.getEpisodeId())) {
      metrics.redeliveredEvent();
      LOG.debug(
          "skipping {} of already-decided episode {} at {}-{}@{}",
          event.getPayload().getClass().getSimpleName(),
          event.getEpisodeId(),
          TOPIC,
          partition,
          offset);
      return;
    }
    assembler
        .accept(event, partition, offset, held.assemblyClock(clock.getAsLong()))
        .ifPresent(this::decideOrHold);
  }

  /**
   * What runs after every poll: retries held episodes when their delay has passed, and quarantines
   * incomplete episodes past the assembly timeout (whose clock stands still while anything is
   * held).
   */
  void tick() {
    retryHeldIfDue();
    for (QuarantinedEpisode q : assembler.expire(held.assemblyClock(clock.getAsLong()))) {
      quarantine(q);
    }
    metrics.buffered(assembler.bufferedEpisodes());
  }

  /** Drops a released partition's incomplete and held episodes; returns how many were dropped. */
  int release(int partition) {
    int dropped = assembler.dropPartition(partition);
    held.drop(partition, clock.getAsLong());
    return dropped;
  }

  /**
   * Pauses the partitions that hold an episode again after an assignment (a partition kept through
   * a rebalance may have kept its held episode), not depending on the client's paused state.
   */
  void pauseHeld() {
    for (AssembledEpisode e : held.inRetryOrder()) {
      consumer.pause(List.of(new TopicPartition(TOPIC, e.partition())));
    }
  }

  private void decideOrHold(AssembledEpisode e) {
    Decided d;
    try {
      d = decider.decide(e, indexes.memory());
    } catch (VideoStoreUnavailableException unavailable) {
      hold(e, unavailable);
      return;
    }
    decided(e, d);
  }

  /**
   * The store did not answer while {@code e} was decided: keep it undecided, pause its partition
   * and rewind it to the event after the completing one, so nothing of the partition is handled
   * past it until it is decided. The {@link Checkpointer} caps the partition's NEXT at its
   * completing offset and its SAFE at its first, so a restart re-assembles it. The consumer keeps
   * polling (group membership, other partitions).
   */
  private void hold(AssembledEpisode e, VideoStoreUnavailableException why) {
    held.hold(e, why, clock.getAsLong());
    TopicPartition tp = new TopicPartition(TOPIC, e.partition());
    consumer.pause(List.of(tp));
    consumer.seek(tp, e.completingOffset() + 1);
  }

  /**
   * Decides the held episodes again once the outage's current delay has passed, in partition order,
   * stopping at the first that still fails (the store is still down: the others would fail too).
   */
  private void retryHeldIfDue() {
    if (!held.retryDue(clock.getAsLong())) {
      return;
    }
    for (AssembledEpisode e : held.inRetryOrder()) {
      held.retrying();
      Decided d;
      try {
        d = decider.decide(e, indexes.memory());
      } catch (VideoStoreUnavailableException still) {
        held.retryFailed(still, clock.getAsLong());
        return;
      }
      held.decided(e.partition(), clock.getAsLong());
      consumer.resume(List.of(new TopicPartition(TOPIC, e.partition())));
      decided(e, d);
    }
  }

  private void decided(AssembledEpisode e, Decided d) {
    indexes.record(d.remember());
    checkpointer.decided(e, d.decision());
  }

  private void quarantine(QuarantinedEpisode q) {
    LOG.info(
        "quarantining episode {} of site {} (partition {}): {}",
        q.episodeId(),
        q.siteId(),
        q.partition(),
        q.reasons());
    indexes.record(MemoryEntry.idOnly(q.episodeId())); // its late events are skipped
    checkpointer.quarantined(q);
  }
}
