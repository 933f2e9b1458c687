package dev.tributary.loadtest;

import dev.tributary.gateway.IngestGateway;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under test on loopback: a real KRaft broker and S3Proxy in this JVM, and the gateway
 * either in a child JVM (benchmarks: its heap is its own) or in this JVM (the smoke test).
 */
public final class BenchStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BenchStack.class);
  public static final String ADMIN_TOKEN = "load-test-admin-token-0123456789abcdef";
  public static final int INGEST_PARTITIONS = 6;

  /**
   * Creates the ingest topic as the gateway would (partitions, 8 MiB records) unless it exists: for
   * the baselines that produce to the broker without a gateway.
   */
  static void ensureIngestTopic(String bootstrapServers, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin
            .createTopics(
                Set.of(
                    new NewTopic(topic, INGEST_PARTITIONS, (short) 1)
                        .configs(Map.of("max.message.bytes", String.valueOf(8 * 1024 * 1024)))))
            .all()
            .get();
      }
    }
  }

  private final EmbeddedKafka kafka;
  private final EmbeddedObjectStore store;
  private IngestGateway inProcess;
  private Process child;
  private Process forwarder;
  private URI forwarderUrl;
  private URI gatewayUrl;
  private final List<HeapSampler.Sample> heap = Collections.synchronizedList(new ArrayList<>());

  private BenchStack(EmbeddedKafka kafka, EmbeddedObjectStore store) {
    this.kafka = kafka;
    this.store = store;
  }

  /** Starts the broker and the store under {@code dir}; then call one of the gateway starters. */
  public static BenchStack start(Path dir) {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
    try {
      return new BenchStack(
          kafka, EmbeddedObjectStore.start(dir.resolve("s3"), 0, "bench-access", "bench-secret"));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public BenchStack withGatewayInProcess() {
    inProcess =
        IngestGateway.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withGatewayId("gw-bench")
                .withBootstrapServers(kafka.bootstrapServers())
                .withS3Endpoint(store.endpoint())
                .withS3Credentials(store.accessKey(), store.secretKey())
                .withAdminToken(ADMIN_TOKEN)
                .withIngestPartitions(INGEST_PARTITIONS),
            GatewayLimits.defaults());
    gatewayUrl = inProcess.baseUrl();
    return this;
  }

  /**
   * Starts {@link GatewayChild} with {@code -Xmx<heapMb>m} remembering {@code trackedEpisodes}
   * episodes (0: the default) with {@code tuning} and a per-site rate limit of {@code siteRate}
   * requests (chunks) per second (0: the default); its log goes to {@code log}.
   */
  public BenchStack withGatewayInChildJvm(
      int heapMb, int trackedEpisodes, GatewayTuning tuning, double siteRate, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heapMb + "m", "-XX:+UseG1GC"));
    // Extra flags for the gateway JVM only, e.g. a JFR recording:
    // GATEWAY_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile"
    String extra = System.getenv().getOrDefault("GATEWAY_JVM_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            GatewayChild.class.getName(),
            kafka.bootstrapServers(),
            store.endpoint().toString(),
            store.accessKey(),
            store.secretKey(),
            ADMIN_TOKEN,
            String.valueOf(INGEST_PARTITIONS),
            String.valueOf(
                trackedEpisodes > 0 ? trackedEpisodes : GatewayLimits.defaults().trackedEpisodes()),
            String.valueOf(tuning.eventLoops()),
            String.valueOf(tuning.lingerMs()),
            tuning.compression(),
            String.valueOf(siteRate)));
    child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      gatewayUrl = URI.create("http://127.0.0.1:" + awaitPort(child, "gateway", log) + "/");
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the gateway child did not start: " + e, e);
    }
    return this;
  }

  /**
   * Starts {@link BareForwarder} in a child JVM of its own (-Xmx512m, G1, like the gateway; {@code
   * GATEWAY_JVM_OPTS} do not apply) with the gateway's producer {@code tuning}, sending to {@code
   * topic}; its log goes to {@code log}.
   */
  public BenchStack withForwarderInChildJvm(GatewayTuning tuning, String topic, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                BareForwarder.class.getName(),
                kafka.bootstrapServers(),
                topic,
                String.valueOf(tuning.eventLoops()),
                String.valueOf(tuning.lingerMs()),
                tuning.compression()));
    String extra = System.getenv().getOrDefault("FORWARDER_JVM_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(2, List.of(extra.split("\\s+")));
    }
    forwarder = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      forwarderUrl = URI.create("http://127.0.0.1:" + awaitPort(forwarder, "forwarder", log) + "/");
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the forwarder child did not start: " + e, e);
    }
    return this;
  }

  /** Reads a child's output into {@code log} (heap lines into the samples) and its port. */
  private int awaitPort(Process process, String name, Path log) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                  } else if (line.startsWith("HEAP ")) {
                    heap.add(HeapSampler.Sample.parse(line));
                  } else {
                    out.println(line);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                LOG.warn("reading the {} child's output stopped: {}", name, e.toString());
              }
              port.completeExceptionally(
                  new IllegalStateException("the " + name + " child exited; see " + log));
            },
            name + "-child-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(120, TimeUnit.SECONDS);
  }

  /** The bare forwarder's URL, or null when it was not started. */
  public URI forwarderUrl() {
    return forwarderUrl;
  }

  /** The forwarder child's pid, or -1. */
  public long forwarderPid() {
    return forwarder == null ? -1 : forwarder.pid();
  }

  public URI gatewayUrl() {
    return gatewayUrl;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public URI s3Endpoint() {
    return store.endpoint();
  }

  public String s3AccessKey() {
    return store.accessKey();
  }

  public String s3SecretKey() {
    return store.secretKey();
  }

  /** Heap samples of the child gateway JVM so far (empty for an in-process gateway). */
  public List<HeapSampler.Sample> heapSamples() {
    synchronized (heap) {
      return List.copyOf(heap);
    }
  }

  /** The child's pid, or -1. */
  public long gatewayPid() {
    return child == null ? -1 : child.pid();
  }

  @Override
  public void close() {
    try {
      if (forwarder != null) {
        forwarder.getOutputStream().close();
        if (!forwarder.waitFor(40, TimeUnit.SECONDS)) {
          forwarder.destroyForcibly();
        }
      }
      if (inProcess != null) {
        inProcess.close();
      }
      if (child != null) {
        child.getOutputStream().close(); // the child closes gracefully on end of stdin
        if (!child.waitFor(40, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    } catch (IOException e) {
      destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroy();
    } finally {
      try {
        store.close();
      } finally {
        kafka.close();
      }
    }
  }

  private void destroy() {
    for (Process p : new Process[] {forwarder, child}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }
}
