package dev.tributary.infra.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller), in this JVM, on
 * loopback. Its log directory is formatted once; later starts reuse it, so topics, records and
 * committed offsets survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private final Quorum quorum;
  private KafkaRaftServer server;

  /**
   * This node's place in a multi-node KRaft cluster (every node a combined broker + controller).
   *
   * @param nodeId this node's id, 1..n
   * @param voters every node's controller address, e.g. {@code 1@127.0.0.1:9093,2@...}
   * @param clusterId the same base64 UUID on every node (formatted once per log directory)
   */
  public record Quorum(int nodeId, String voters, String clusterId, int size) {
    static Quorum single(int controllerPort) {
      return new Quorum(1, "1@127.0.0.1:" + controllerPort, Uuid.randomUuid().toString(), 1);
    }
  }

  private EmbeddedKafka(Path logDir, int port, int controllerPort, Quorum quorum) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.quorum = quorum == null ? Quorum.single(controllerPort) : quorum;
  }

  /**
   * Formats (first time only) and starts a broker.
   *
   * @param port client port, 0 for a free one
   * @param controllerPort KRaft controller port, 0 for a free one
   */
  public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
    int clientPort = Ports.claim(port, "Kafka", "--kafka-port");
    int ctrlPort =
        Ports.claim(
            controllerPort == 0 && port != 0 ? port + 1 : controllerPort,
            "the Kafka controller",
            "--kafka-port (the controller uses the next port)");
    EmbeddedKafka kafka = new EmbeddedKafka(logDir, clientPort, ctrlPort, null);
    kafka.startServer();
    return kafka;
  }

  /**
   * Formats (first time only) and starts one node of a multi-node cluster: internal topics are
   * replicated min(3, size) times with {@code min.insync.replicas} one less (at least 1).
   */
  public static EmbeddedKafka startNode(Path logDir, int port, int controllerPort, Quorum quorum) {
    EmbeddedKafka kafka = new EmbeddedKafka(logDir, port, controllerPort, quorum);
    kafka.startServer();
    return kafka;
  }

  private void startServer() {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka log directory " + logDir, e);
    }
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(quorum.nodeId()));
    p.put("controller.quorum.voters", quorum.voters());
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    String replicas = String.valueOf(Math.min(3, quorum.size()));
    String minIsr = String.valueOf(Math.max(1, Math.min(3, quorum.size()) - 1));
    for (String key :
        List.of(
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "share.coordinator.state.topic.replication.factor",
            "default.replication.factor")) {
      p.put(key, replicas);
    }
    for (String key :
        List.of(
            "transaction.state.log.min.isr",
            "share.coordinator.state.topic.min.isr",
            "min.insync.replicas")) {
      p.put(key, minIsr);
    }
    p.put("offsets.topic.num.partitions", quorum.size() == 1 ? "1" : "6");
    p.put("transaction.state.log.num.partitions", quorum.size() == 1 ? "1" : "6");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // One machine: keep the broker light; the platform's own topics set their partition counts.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(p);
    }
    long start = System.nanoTime();
    server = new KafkaRaftServer(new KafkaConfig(p), Time.SYSTEM);
    server.startup();
    LOG.info(
        "Kafka broker (KRaft) started on {} in {} ms, data in {}",
        bootstrapServers(),
        (System.nanoTime() - start) / 1_000_000,
        logDir);
  }

  private void format(Properties p) {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(quorum.nodeId())
          .setClusterId(quorum.clusterId())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .setUnstableFeatureVersionsEnabled(false)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "formatting the Kafka log directory " + logDir + " failed", e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
      LOG.info("Kafka broker stopped");
    }
  }
}
