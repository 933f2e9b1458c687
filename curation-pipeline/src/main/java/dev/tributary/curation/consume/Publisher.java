package dev.tributary.curation.consume;

import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends verdicts and dead letters with the pipeline's producer. Sends are asynchronous; the first
 * failure surfaces at the next {@link #flush()}, which a checkpoint calls before it records the
 * offsets those sends covered (durable before acknowledged).
 */
final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final Producer<String, byte[]> producer;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

  Publisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  void verdict(CurationVerdict v) {
    send(Topics.VERDICTS.name(), v.getEpisodeId(), Topics.VERDICTS.codec().encode(v));
  }

  /** Sends a record that cannot be decoded to the dead-letter topic, with the reason. */
  void deadLetter(ConsumerRecord<String, byte[]> rec, String reason) {
    LOG.warn(
        "poison record at {}-{}@{} goes to {}: {}",
        rec.topic(),
        rec.partition(),
        rec.offset(),
        Topics.DEAD_LETTER.name(),
        reason);
    DeadLetter dl =
        DeadLetter.newBuilder()
            .setSourceTopic(rec.topic())
            .setSourcePartition(rec.partition())
            .setSourceOffset(rec.offset())
            .setReason(reason)
            .setValue(ByteBuffer.wrap(rec.value() == null ? new byte[0] : rec.value()))
            .setFailedAtMicros(System.currentTimeMillis() * 1000)
            .build();
    String key = rec.topic() + "/" + rec.partition() + "/" + rec.offset();
    send(Topics.DEAD_LETTER.name(), key, Topics.DEAD_LETTER.codec().encode(dl));
  }

  /**
   * Waits until everything sent is acknowledged.
   *
   * @throws IllegalStateException when a send failed: what it carried is not durable
   */
  void flush() {
    producer.flush();
    Exception e = sendFailure.get();
    if (e != null) {
      throw new IllegalStateException("publishing to Kafka failed: " + e, e);
    }
  }

  void close(Duration timeout) {
    try {
      producer.close(timeout);
    } catch (RuntimeException e) {
      LOG.warn("closing the verdict producer failed; continuing shutdown", e);
    }
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (meta, e) -> {
          if (e != null) {
            sendFailure.compareAndSet(null, e);
          }
        });
  }
}
