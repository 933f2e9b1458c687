package dev.tributary.curation.consume;

import dev.tributary.curation.config.PipelineConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The settings of the pipeline's two Kafka clients: the ingest consumer and the producer. */
public final class KafkaClientProperties {
  private KafkaClientProperties() {}

  /**
   * Static membership, no auto-commit (the tables hold the offsets), committed reads only, raw
   * bytes (decoded by the loop, so a poison record cannot stop it), sticky assignments in eager
   * rebalances.
   *
   * <p>Not the cooperative protocol: it moves a partition in two rebalances (the owner revokes it
   * in the first, which leaves it unassigned, and rejoins to have it assigned in a second), and the
   * second can be lost for good: ClusterIT saw the revoking instance SIGKILLed while the group
   * coordinator's broker was down; restarted under its static {@code group.instance.id} it was
   * given its cached assignment without a rebalance, and the revoked partitions stayed unowned,
   * their episodes undecided, with both instances healthy. An eager rebalance assigns every
   * partition in the generation it completes, so no stable generation leaves one out.
   */
  public static Properties consumer(PipelineConfig config) {
    Properties p = new Properties();
    p.putAll(config.kafka());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-ingest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, StickyAssignor.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    // Index rebuilds and Iceberg commits run on the poll thread.
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(10 * 60 * 1000));
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
    return p;
  }

  /** Verdicts and dead letters: acknowledged by all in-sync replicas, idempotent. */
  public static Properties producer(PipelineConfig config) {
    Properties p = new Properties();
    p.putAll(config.kafka());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-verdicts");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    return p;
  }
}
