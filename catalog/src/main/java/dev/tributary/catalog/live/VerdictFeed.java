package dev.tributary.catalog.live;

import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the verdict topic ({@link Topics#VERDICTS}) for the dashboard's live feed, on its own
 * thread. It assigns every partition itself, without a consumer group and without committing: each
 * service instance sees every verdict, and a restarted one starts again {@code backfill} records
 * before the end of each partition. The feed is only a trigger and a ticker; the numbers on the
 * page come from the Iceberg tables, which the pipeline commits before it publishes a verdict.
 * Undecodable records are counted and skipped, never fatal.
 */
public final class VerdictFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VerdictFeed.class);

  private static final Duration POLL = Duration.ofMillis(500);
  private static final long TOPIC_RETRY_MILLIS = 2_000;

  private final KafkaConsumer<String, byte[]> consumer;
  private final int backfill;
  private final Consumer<LiveVerdict> listener;
  private final KafkaClientMetrics clientMetrics;
  private final Counter undecodable;
  private final MeterRegistry registry;
  private final Map<String, Counter> consumedByStatus = new HashMap<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  private VerdictFeed(
      String bootstrapServers,
      int backfill,
      Consumer<LiveVerdict> listener,
      MeterRegistry registry) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-catalog-verdicts-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
    this.backfill = backfill;
    this.listener = listener;
    this.registry = registry;
    this.clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(registry);
    this.undecodable =
        Counter.builder("tributary.catalog.verdicts.undecodable")
            .description("Verdict records the catalog could not decode and skipped")
            .register(registry);
    // Registered up front so dashboards and alerts see zeros, not missing series, before traffic.
    for (VerdictStatus status : VerdictStatus.values()) {
      consumedCounter(status.name());
    }
    this.thread = new Thread(this::run, "tributary-catalog-verdicts");
    thread.setDaemon(true);
  }

  /**
   * Starts tailing {@link Topics#VERDICTS}; returns at once. The topic may not exist yet (the
   * pipeline creates it): the feed waits for it.
   *
   * @param backfill verdicts to replay per partition on start, so the feed is not empty
   * @param listener called on the feed's thread, once per verdict, in partition order
   */
  public static VerdictFeed start(
      String bootstrapServers,
      int backfill,
      Consumer<LiveVerdict> listener,
      MeterRegistry registry) {
    VerdictFeed feed;
    try {
      feed = new VerdictFeed(bootstrapServers, backfill, listener, registry);
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "catalog service cannot create a Kafka consumer for "
              + bootstrapServers
              + ": "
              + e.getMessage()
              + "; check the bootstrap servers",
          e);
    }
    feed.thread.start();
    return feed;
  }

  private void run() {
    try {
      if (!assignAllPartitions()) {
        return;
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          deliver(record);
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (RuntimeException e) {
      LOG.error(
          "verdict feed stopped: {}; the dashboard keeps serving the tables but updates only on"
              + " its periodic rescan until the catalog service restarts",
          e.toString(),
          e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  /** Waits for the topic, assigns all its partitions and seeks back {@code backfill} records. */
  private boolean assignAllPartitions() {
    String topic = Topics.VERDICTS.name();
    boolean warned = false;
    while (running) {
      List<PartitionInfo> partitions = List.of();
      try {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      } catch (KafkaException e) {
        if (e instanceof WakeupException wakeup) {
          throw wakeup;
        }
        LOG.debug("listing partitions of {} failed; retrying", topic, e);
      }
      if (partitions != null && !partitions.isEmpty()) {
        List<TopicPartition> assigned =
            partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        for (TopicPartition tp : assigned) {
          consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - backfill));
        }
        LOG.info(
            "verdict feed tailing {} partitions of {} (replaying up to {} verdicts each)",
            assigned.size(),
            topic,
            backfill);
        return true;
      }
      if (!warned) {
        LOG.info("topic {} does not exist yet; the verdict feed waits for the pipeline", topic);
        warned = true;
      }
      if (awaitStop(TOPIC_RETRY_MILLIS)) {
        return false;
      }
    }
    return false;
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone: compaction removed the episode's verdict
    }
    CurationVerdict verdict;
    try {
      verdict = Topics.VERDICTS.codec().decode(record.value());
    } catch (InvalidPayloadException | RuntimeException e) {
      undecodable.increment();
      LOG.warn(
          "skipping undecodable verdict at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    LiveVerdict live = LiveVerdict.of(verdict);
    consumedCounter(live.status()).increment();
    try {
      listener.accept(live);
    } catch (RuntimeException e) {
      LOG.warn("live feed listener failed on verdict of episode {}", live.episodeId(), e);
    }
  }

  private Counter consumedCounter(String status) {
    return consumedByStatus.computeIfAbsent(
        status,
        s ->
            Counter.builder("tributary.catalog.verdicts.consumed")
                .description("Verdicts read from the verdict topic by the live feed, by status")
                .tag("status", s)
                .register(registry));
  }

  private boolean awaitStop(long millis) {
    try {
      return stopRequested.await(millis, TimeUnit.MILLISECONDS) || !running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Stops the thread and closes the consumer; idempotent. */
  @Override
  public void close() {
    running = false;
    stopRequested.countDown();
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("verdict feed thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clientMetrics.close();
  }
}
