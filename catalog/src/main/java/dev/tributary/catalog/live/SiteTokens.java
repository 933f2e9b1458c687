package dev.tributary.catalog.live;

import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.SiteToken;
import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * Which site a site token belongs to, for the participant view: reads the gateway's compacted
 * registry topic ({@link Topics#REGISTRY}) from the beginning on its own thread and keeps the token
 * hashes (never tokens) with their site and revocation. Like the gateway, it compares SHA-256 hex
 * digests of the presented token. Without a group and without commits: every restart reads the
 * (compacted, small) topic again.
 */
public final class SiteTokens implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SiteTokens.class);
  private static final String TOKEN_KEY_PREFIX = "token:";
  private static final long TOPIC_RETRY_MILLIS = 2_000;

  private record Holder(String siteId, boolean revoked) {}

  private final Map<String, Holder> byTokenHash = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, byte[]> consumer;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  private SiteTokens(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-catalog-registry-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    thread = new Thread(this::run, "tributary-catalog-registry");
    thread.setDaemon(true);
  }

  public static SiteTokens start(String bootstrapServers) {
    SiteTokens tokens;
    try {
      tokens = new SiteTokens(bootstrapServers);
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "catalog service cannot create a Kafka consumer for "
              + bootstrapServers
              + ": "
              + e.getMessage(),
          e);
    }
    tokens.thread.start();
    return tokens;
  }

  /** The site of a presented bearer token; empty when unknown or revoked. */
  public Optional<String> siteOf(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return Optional.empty();
    }
    Holder holder = byTokenHash.get(sha256Hex(bearerToken));
    return holder == null || holder.revoked() ? Optional.empty() : Optional.of(holder.siteId());
  }

  /** Applies one registry record: the latest value per key wins, a tombstone forgets the key. */
  void apply(String key, byte[] value) throws InvalidPayloadException {
    if (key == null || !key.startsWith(TOKEN_KEY_PREFIX)) {
      return; // sites and enrolment codes are not needed here
    }
    String hash = key.substring(TOKEN_KEY_PREFIX.length());
    if (value == null) {
      byTokenHash.remove(hash);
      return;
    }
    RegistryEntry entry = Topics.REGISTRY.codec().decode(value);
    if (entry.getEntry() instanceof SiteToken token) {
      byTokenHash.put(token.getTokenSha256(), new Holder(token.getSiteId(), token.getRevoked()));
    }
  }

  private void run() {
    String topic = Topics.REGISTRY.name();
    try {
      while (running) {
        List<PartitionInfo> partitions = List.of();
        try {
          partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          LOG.debug("listing partitions of {} failed; retrying", topic, e);
        }
        if (partitions != null && !partitions.isEmpty()) {
          List<TopicPartition> assigned =
              partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
          consumer.assign(assigned);
          consumer.seekToBeginning(assigned);
          break;
        }
        if (stopRequested.await(TOPIC_RETRY_MILLIS, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            apply(record.key(), record.value());
          } catch (InvalidPayloadException | RuntimeException e) {
            LOG.warn(
                "skipping undecodable registry record {} at {}@{}: {}",
                record.key(),
                record.partition(),
                record.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error(
          "registry reader stopped: {}; the participant view answers 401 to tokens issued from now"
              + " on until the catalog service restarts",
          e.toString(),
          e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  static String sha256Hex(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    running = false;
    stopRequested.countDown();
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("registry reader thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
