package dev.tributary.gateway;

import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.schema.topic.TopicInstaller;
import dev.tributary.schema.topic.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up work against Kafka: reachability, topics, and the ingest topic's record size. */
final class KafkaSetup {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSetup.class);

  private KafkaSetup() {}

  static Admin admin(GatewayConfig config) {
    Map<String, Object> p = new HashMap<>(config.kafka());
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-gateway-" + config.gatewayId() + "-admin");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(p);
  }

  /** Creates missing topics (replication min(3, brokers)). */
  static void ensureTopics(Admin admin, GatewayConfig config) {
    Collection<Node> nodes;
    try {
      nodes = admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Kafka at "
              + config.bootstrapServers()
              + " did not answer within 15 s ("
              + e.getClass().getSimpleName()
              + "): start the broker or fix bootstrapServers",
          e);
    }
    try {
      TopicInstaller.ensure(admin, config.ingestPartitions(), (short) Math.min(3, nodes.size()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "creating or configuring the platform's Kafka topics at "
              + config.bootstrapServers()
              + " failed ("
              + e.getMessage()
              + "): check the broker's logs and that this client may create topics",
          e);
    }
  }

  /**
   * Makes the ingest topic accept the largest event the gateway may publish (the broker default is
   * ~1 MiB). Not fatal when refused (e.g. no alter-configs permission): bodies above the topic's
   * limit are then answered 413 record_too_large.
   */
  static void raiseIngestRecordLimit(Admin admin, int maxRecordBytes) {
    try {
      raiseMaxMessageBytes(admin, Topics.INGEST.name(), maxRecordBytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn(
          "kafka: could not raise {} of topic {} to {} bytes ({}); larger chunks will be answered"
              + " 413 until an operator raises it",
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
          Topics.INGEST,
          maxRecordBytes,
          e.toString());
    }
  }

  private static void raiseMaxMessageBytes(Admin admin, String topic, int needed) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config current =
        admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource);
    ConfigEntry entry = current.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    if (entry != null && Long.parseLong(entry.value()) >= needed) {
      return;
    }
    admin
        .incrementalAlterConfigs(
            Map.of(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(needed)),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get(15, TimeUnit.SECONDS);
    LOG.info(
        "kafka: raised {} of topic {} to {} bytes",
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
        topic,
        needed);
  }

  /** Readiness probe: the cluster answers within two seconds. */
  static boolean answers(Admin admin) {
    try {
      return admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .clusterId()
              .get(3, TimeUnit.SECONDS)
          != null;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }
}
