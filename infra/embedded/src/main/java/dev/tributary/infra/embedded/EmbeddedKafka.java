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
  private KafkaRaftServer server;

  private EmbeddedKafka(Path logDir, int port, int controllerPort) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
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
    EmbeddedKafka kafka = new EmbeddedKafka(logDir, clientPort, ctrlPort);
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
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    for (String key :
        List.of(
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr",
            "offsets.topic.num.partitions",
            "transaction.state.log.num.partitions",
            "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr",
            "default.replication.factor",
            "min.insync.replicas")) {
      p.put(key, "1");
    }
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
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
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
