package dev.tributary.curation.testing;

import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topic;
import dev.tributary.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces ingest events the way the gateway does, and reads the pipeline's output topics. */
public final class KafkaTestClients implements AutoCloseable {
  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;

  public KafkaTestClients(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producer = new KafkaProducer<>(p);
  }

  /** Publishes events keyed by episode id and waits for the broker's acknowledgement. */
  public void publish(Collection<IngestEvent> events) {
    List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
    for (IngestEvent e : events) {
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  Topics.INGEST.name(), e.getEpisodeId(), Topics.INGEST.codec().encode(e))));
    }
    awaitAll(acks);
  }

  /** Publishes raw bytes (poison) under a key. */
  public void publishRaw(String key, byte[] value) {
    awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.INGEST.name(), key, value))));
  }

  private static void awaitAll(List<java.util.concurrent.Future<?>> acks) {
    try {
      for (var f : acks) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing test events failed", e.getCause());
    }
  }

  /** Latest verdict per episode id. */
  public Map<String, CurationVerdict> verdicts() {
    Map<String, CurationVerdict> out = new HashMap<>();
    for (CurationVerdict v : readAll(Topics.VERDICTS)) {
      out.put(v.getEpisodeId(), v);
    }
    return out;
  }

  /** Every verdict record, in order, including repeats. */
  public List<CurationVerdict> allVerdicts() {
    return readAll(Topics.VERDICTS);
  }

  public List<DeadLetter> deadLetters() {
    return readAll(Topics.DEAD_LETTER);
  }

  private <V extends org.apache.avro.specific.SpecificRecord> List<V> readAll(Topic<V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic.name())
          .forEach(info -> parts.add(new TopicPartition(topic.name(), info.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          try {
            out.add(topic.codec().decode(r.value()));
          } catch (InvalidPayloadException e) {
            throw new IllegalStateException("undecodable record on " + topic.name(), e);
          }
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    producer.close();
  }
}
