package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.schema.topic.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls ingest events and delegates. The {@link Curator} turns events into
 * decisions or holds, the {@link Checkpointer} lands them in Iceberg exactly once every commit
 * interval (module README, "Exactly once: the protocol"), {@link PartitionOwnership} follows the
 * consumer group, {@link EpisodeIndexes} keeps the duplicate indexes current. All state is confined
 * to this thread; {@link #stop()} is the only call from outside.
 */
public final class CurationLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CurationLoop.class);
  private static final LongSupplier CLOCK = () -> System.nanoTime() / 1_000_000;
  private static final long ACTIVITY_INTERVAL_MILLIS = 60_000;

  private final PipelineConfig config;
  private final Consumer<String, byte[]> consumer;
  private final Publisher publisher;
  private final Curator curator;
  private final Checkpointer checkpointer;
  private final PartitionOwnership ownership;
  private final EpisodeIndexes indexes;
  private final TableCommitter committer;
  private final MaintenanceSchedule maintenance;
  private final ActivityLog activity;
  private volatile boolean running = true;
  private volatile boolean alive = true;
  private volatile String failure;

  public CurationLoop(
      PipelineConfig config,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      LakeTables tables,
      EpisodeDecider decider,
      PipelineMetrics metrics,
      CommitStageListener listener) {
    this.config = config;
    this.consumer = consumer;
    this.publisher = new Publisher(producer);
    EpisodeAssembler assembler =
        new EpisodeAssembler(config.assemblyTimeout(), config.maxBufferedEpisodes());
    HeldEpisodes held = new HeldEpisodes(config.storeRetry(), metrics);
    this.committer = new TableCommitter(tables, config.instanceId(), listener);
    this.checkpointer =
        new Checkpointer(
            consumer,
            committer,
            publisher,
            assembler,
            held,
            metrics,
            config.commitInterval(),
            CLOCK);
    this.indexes =
        new EpisodeIndexes(
            tables.episodes(),
            metrics,
            config.indexSaveInterval(),
            this::ownsFirstPartition,
            CLOCK);
    this.curator =
        new Curator(
            consumer, assembler, held, decider, indexes, checkpointer, publisher, metrics, CLOCK);
    this.ownership =
        new PartitionOwnership(
            config.instanceId(), consumer, tables, checkpointer, curator, indexes, publisher);
    this.maintenance =
        new MaintenanceSchedule(
            tables,
            config.lake().warehouse(),
            config.instanceId(),
            ownership::ownsFirstPartition,
            CLOCK);
    this.activity =
        new ActivityLog(config.instanceId(), metrics, ACTIVITY_INTERVAL_MILLIS, CLOCK.getAsLong());
  }

  @Override
  public void run() {
    boolean clean = false;
    try {
      consumer.subscribe(List.of(Topics.INGEST.name()), ownership);
      Duration pollTimeout = Duration.ofMillis(Math.min(100, config.commitInterval().toMillis()));
      while (running) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
          continue; // stop() woke us; the loop condition decides
        }
        for (ConsumerRecord<String, byte[]> rec : records) {
          curator.handle(rec);
        }
        curator.tick();
        if (checkpointer.cycleDue()) {
          checkpointer.checkpoint();
          maintenance.runIfDue();
          indexes.catchUp(committer::wrote);
          activity.logIfDue(CLOCK.getAsLong(), checkpointer.partitions(), paused());
        }
      }
      checkpointer.checkpointNow();
      clean = true;
    } catch (Exception | Error e) {
      failure = e.toString();
      LOG.error(
          "curation loop of {} stopped without committing its in-flight work: {}. Restart the"
              + " pipeline; it resumes from the offsets recorded in the Iceberg tables",
          config.instanceId(),
          e.toString(),
          e);
    } finally {
      ownership.closing();
      closeClients(clean);
      alive = false;
    }
  }

  /** Asks the loop to commit what is complete and stop; returns at once. */
  public void stop() {
    running = false;
    if (alive) {
      try {
        consumer.wakeup();
      } catch (RuntimeException e) {
        // the loop is closing the consumer right now; it stops by itself
      }
    }
  }

  public boolean alive() {
    return alive;
  }

  /**
   * Whether this instance owns ingest partition 0 right now: the one instance of a group that runs
   * group-wide chores (the statistics refresh).
   */
  public boolean ownsFirstPartition() {
    return ownership.ownsFirstPartition();
  }

  public String failure() {
    return failure;
  }

  private Set<Integer> paused() {
    Set<Integer> out = new HashSet<>();
    consumer.paused().forEach(tp -> out.add(tp.partition()));
    return out;
  }

  private void closeClients(boolean clean) {
    Duration timeout = Duration.ofSeconds(clean ? 10 : 1);
    publisher.close(timeout);
    try {
      consumer.close(CloseOptions.timeout(timeout));
    } catch (RuntimeException e) {
      LOG.warn("closing the ingest consumer failed; continuing shutdown", e);
    }
  }
}
