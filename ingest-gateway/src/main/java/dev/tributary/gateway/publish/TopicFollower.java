package dev.tributary.gateway.publish;

import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a (compacted) topic from the beginning on its own thread and hands every record to a sink,
 * forever: an in-memory view of the topic. No consumer group and no committed offsets: every
 * instance reads everything, every time it starts.
 */
public final class TopicFollower<V extends SpecificRecord> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** Receives each record; {@code value} is null for a tombstone. */
  @FunctionalInterface
  public interface Sink<V> {
    void accept(String key, V value, long offset);
  }

  private final Topic<V> topic;
  private final Sink<V> sink;
  private final KafkaConsumer<String, byte[]> consumer;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param clientSettings further consumer settings (TLS, SASL) passed as they are
   */
  public TopicFollower(
      String bootstrapServers,
      Map<String, String> clientSettings,
      String clientId,
      Topic<V> topic,
      Sink<V> sink) {
    this.topic = topic;
    this.sink = sink;
    Map<String, Object> p = new HashMap<>(clientSettings);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Waits until every record that existed when the follower started has been applied. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** False once the follower thread has stopped (the view no longer updates). */
  public boolean healthy() {
    return thread.isAlive() && running;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      LOG.info(
          "following {} from the beginning, {} partition(s), end offsets {}",
          topic,
          partitions.size(),
          end);
      checkCaughtUp(end);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          deliver(record);
        }
        if (caughtUp.getCount() > 0) {
          checkCaughtUp(end);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("following {} stopped unexpectedly", topic, e);
      }
    } catch (RuntimeException e) {
      LOG.error("following {} failed; this view stops updating", topic, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private List<TopicPartition> partitions() {
    while (running) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      LOG.warn("topic {} has no partitions yet; asking again", topic);
    }
    throw new WakeupException();
  }

  private void checkCaughtUp(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return;
      }
    }
    caughtUp.countDown();
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      sink.accept(record.key(), null, record.offset());
      return;
    }
    try {
      sink.accept(record.key(), topic.codec().decode(record.value()), record.offset());
    } catch (InvalidPayloadException e) {
      LOG.warn(
          "skipping undecodable record {}-{}@{} ({} bytes): {} {}",
          topic,
          record.partition(),
          record.offset(),
          record.value().length,
          e.reasonCode(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
