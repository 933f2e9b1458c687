package dev.tributary.catalog.live;

import dev.tributary.schema.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports how far the curation pipeline's consumer group is behind the ingest topic ({@code
 * tributary_catalog_pipeline_lag_records}), so one scrape of the catalog answers "is curation
 * keeping up" without the pipeline serving HTTP. The pipeline commits its Kafka offsets right after
 * each Iceberg commit, so this lag is what is not yet in the tables (plus at most one cycle). NaN
 * until the first successful check or while the group has no offsets.
 */
public final class PipelineLagMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineLagMonitor.class);

  static final Duration CHECK_EVERY = Duration.ofSeconds(10);
  private static final long CALL_TIMEOUT_S = 5;

  private final Admin admin;
  private final String groupId;
  private final ScheduledExecutorService scheduler;
  private final AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
  private boolean warned;

  private PipelineLagMonitor(Admin admin, String groupId, MeterRegistry registry) {
    this.admin = admin;
    this.groupId = groupId;
    Gauge.builder("tributary.catalog.pipeline.lag", lag, AtomicReference::get)
        .description("Ingest records the curation pipeline's consumer group has not committed yet")
        .baseUnit("records")
        .tag("group", groupId)
        .register(registry);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tributary-catalog-lag");
              t.setDaemon(true);
              return t;
            });
  }

  public static PipelineLagMonitor start(
      String bootstrapServers, String groupId, MeterRegistry registry) {
    Admin admin;
    try {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG, "tributary-catalog-lag",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "catalog service cannot create a Kafka admin client for "
              + bootstrapServers
              + ": "
              + e.getMessage(),
          e);
    }
    PipelineLagMonitor monitor = new PipelineLagMonitor(admin, groupId, registry);
    monitor.scheduler.scheduleWithFixedDelay(
        monitor::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return monitor;
  }

  private void check() {
    String topic = Topics.INGEST.name();
    try {
      TopicDescription description =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(CALL_TIMEOUT_S, TimeUnit.SECONDS)
              .get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
      long total = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        total += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
      }
      lag.set((double) total);
      warned = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      lag.set(Double.NaN);
      if (!warned) {
        LOG.info(
            "cannot measure the lag of consumer group {} on {} yet ({}); retrying every {} s",
            groupId,
            topic,
            e.getCause() == null ? e.toString() : e.getCause().toString(),
            CHECK_EVERY.toSeconds());
        warned = true;
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
