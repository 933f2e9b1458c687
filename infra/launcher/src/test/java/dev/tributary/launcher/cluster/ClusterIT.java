package dev.tributary.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.infra.embedded.KafkaNodeMain;
import dev.tributary.infra.embedded.ObjectStoreMain;
import dev.tributary.launcher.AdminClient;
import dev.tributary.launcher.TributaryCli;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform across processes, as it is deployed: a 3-node KRaft Kafka cluster (Kafka's own
 * server, one JVM each), an S3 server, a real PostgreSQL holding the Iceberg JDBC catalog with the
 * warehouse on S3 (S3FileIO), two gateways, two pipeline instances of one consumer group and the
 * catalog service, each started by its {@code tributary <service>} command from one config file.
 * Two recorders (also processes) upload simulated episodes, one through each gateway. While they
 * upload, one broker, one gateway and one pipeline instance are SIGKILLed and restarted. Then an
 * oracle in this JVM, sharing no code with the pipeline, reads the tables through the catalog
 * service's Iceberg REST endpoint (Iceberg's own RESTCatalog and S3FileIO) and checks that every
 * episode a recorder holds as acknowledged is in {@code episodes} exactly once with all its frames
 * in {@code frames}, and that nothing else is.
 */
class ClusterIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterIT.class);
  private static final String S3_KEY = "cluster-access";
  private static final String S3_SECRET = "cluster-secret-key";
  private static final String ADMIN_TOKEN = "cluster-admin-token-0123456789";
  private static final int EPISODES_PER_RECORDER =
      Integer.getInteger("tributary.cluster.episodes", 8);

  /**
   * -Dtributary.cluster.drain=true (for BENCHMARKS.md): no faults; the recorders record as fast as
   * they can while no pipeline runs, then both pipelines start and the time and CPU they take to
   * drain the backlog into the tables is logged.
   */
  private static final boolean DRAIN = Boolean.getBoolean("tributary.cluster.drain");

  /** -Dtributary.cluster.faults=false: the same run without kills (for BENCHMARKS.md). */
  private static final boolean FAULTS =
      !DRAIN && Boolean.parseBoolean(System.getProperty("tributary.cluster.faults", "true"));

  @TempDir Path dir;
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopEverything() throws IOException {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping failed: {}", e.toString());
      }
    }
    // -Dtributary.cluster.logs=DIR keeps every process's log for reading after the run.
    String keep = System.getProperty("tributary.cluster.logs");
    if (keep != null && Files.isDirectory(dir.resolve("logs"))) {
      Path target = Path.of(keep);
      Files.createDirectories(target);
      try (var files = Files.list(dir.resolve("logs"))) {
        for (Path f : files.toList()) {
          Files.copy(
              f,
              target.resolve(f.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    running.add(c);
    return c;
  }

  @Test
  void acknowledgedEpisodesLandExactlyOnceThroughKillsOfABrokerAGatewayAndAPipeline()
      throws Exception {
    Assumptions.assumeTrue(
        LocalPostgres.binaries() != null,
        "PostgreSQL is not installed (.ci/run installs Debian's postgresql)");
    Path logs = dir.resolve("logs");
    LOG.info("cluster logs in {}", logs);

    // Engines: PostgreSQL, a 3-node Kafka cluster, an S3 server.
    LocalPostgres pg = track(LocalPostgres.start(dir.resolve("pg"), freePort(), logs));
    int[] kafkaPorts = {freePort(), freePort(), freePort()};
    int[] controllerPorts = {freePort(), freePort(), freePort()};
    StringBuilder voters = new StringBuilder();
    for (int n = 0; n < 3; n++) {
      voters
          .append(n == 0 ? "" : ",")
          .append(n + 1)
          .append("@127.0.0.1:")
          .append(controllerPorts[n]);
    }
    String clusterId = base64Uuid();
    List<Child> brokers = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      brokers.add(
          track(broker(logs, n, kafkaPorts, controllerPorts, voters.toString(), clusterId)));
    }
    for (Child b : brokers) {
      b.start();
    }
    for (Child b : brokers) {
      b.awaitLog("ready ", Duration.ofSeconds(90));
    }
    String bootstrap =
        "127.0.0.1:"
            + kafkaPorts[0]
            + ",127.0.0.1:"
            + kafkaPorts[1]
            + ",127.0.0.1:"
            + kafkaPorts[2];
    int s3Port = freePort();
    Child s3 =
        track(
            Child.java(
                    "s3",
                    logs,
                    "256m",
                    ObjectStoreMain.class.getName(),
                    dir.resolve("objects").toString(),
                    String.valueOf(s3Port),
                    S3_KEY,
                    S3_SECRET)
                .start()
                .awaitLog("ready ", Duration.ofSeconds(60)));
    String s3Url = "http://127.0.0.1:" + s3Port;
    createBucket(s3Url, "lake");

    // Services, each from the same config file.
    int[] gatewayPorts = {freePort(), freePort()};
    int catalogPort = freePort();
    Path config = writeConfig(bootstrap, s3Url, pg.jdbcUrl("lake"), catalogPort);
    List<Child> gateways = new ArrayList<>();
    for (int g = 0; g < 2; g++) {
      gateways.add(
          track(
              service(
                  "gateway",
                  "gw-" + (g + 1),
                  logs,
                  config,
                  "port=" + gatewayPorts[g],
                  "gateway-id=gw-" + (g + 1))));
    }
    gateways.get(0).start().awaitLog("listening on", Duration.ofSeconds(120));
    gateways.get(1).start().awaitLog("listening on", Duration.ofSeconds(120));
    Child catalog =
        track(service("catalog", "catalog", logs, config).start())
            .awaitLog("catalog service on", Duration.ofSeconds(120));
    // Pipeline 1 reaches the Iceberg JDBC catalog in PostgreSQL itself; pipeline 2 commits through
    // the catalog service's Iceberg REST endpoint with a token of role pipeline (the second kind of
    // catalog a deployment may give its pipelines). Both are in one consumer group.
    String pipelineToken = issueToken(catalogPort, "curation-2", "pipeline");
    int[] metricsPorts = {freePort(), freePort()};
    List<Child> pipelines = new ArrayList<>();
    pipelines.add(
        track(
            service(
                "pipeline",
                "pipeline-1",
                logs,
                config,
                "instance-id=curation-1",
                "metrics-port=" + metricsPorts[0])));
    pipelines.add(
        track(
            service(
                "pipeline",
                "pipeline-2",
                logs,
                config,
                "instance-id=curation-2",
                "metrics-port=" + metricsPorts[1],
                "lake.catalog-uri=http://127.0.0.1:" + catalogPort + "/iceberg",
                "lake.extra-properties.credential=curation-2:" + pipelineToken)));
    if (!DRAIN) {
      startPipelines(pipelines);
    }

    // Two sites, one recorder each, one through each gateway.
    List<Path> spools = new ArrayList<>();
    List<Child> recorders = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      URI gateway = URI.create("http://127.0.0.1:" + gatewayPorts[r] + "/");
      AdminClient admin = new AdminClient(gateway, ADMIN_TOKEN);
      String site = "site-" + (r + 1);
      admin.ensureSite(site, "Site " + (r + 1), "PT");
      Path spool = dir.resolve("spool-" + site);
      spools.add(spool);
      recorders.add(
          track(
              Child.java(
                      "recorder-" + site,
                      logs,
                      "256m",
                      TributaryCli.class.getName(),
                      "recorder",
                      "record",
                      "--sim",
                      "--site",
                      site,
                      "--gateway",
                      gateway.toString(),
                      "--code",
                      admin.enrolmentCode(site),
                      "--spool",
                      spool.toString(),
                      "--episodes",
                      String.valueOf(EPISODES_PER_RECORDER),
                      "--length",
                      "2s",
                      "--cameras",
                      "1",
                      "--width",
                      "64",
                      "--height",
                      "48",
                      "--seed",
                      String.valueOf(r + 1),
                      DRAIN ? "--fast" : "--pause=0s")
                  .start()));
    }

    // Faults while they record and upload: one of each kind, then restarts.
    if (FAULTS) {
      injectFaults(brokers, gateways, pipelines);
    }

    for (Child r : recorders) {
      assertThat(r.waitFor(Duration.ofMinutes(4)))
          .as(r.name() + " finished:\n" + r.tail())
          .isTrue();
      assertThat(r.exitValue()).as(r.name() + " exit code:\n" + r.tail()).isZero();
    }

    // What the recorders hold as acknowledged (the spools, read after the recorders exited).
    Map<String, Integer> acknowledged = new HashMap<>();
    for (Path spool : spools) {
      Spool s = Spool.open(spool, SpoolConfig.defaults());
      for (EpisodeLedger ledger : s.ledgers()) {
        if (ledger.state() == EpisodeState.ACKNOWLEDGED) {
          acknowledged.put(ledger.episodeId(), ledger.sampleCount());
        }
      }
    }
    assertThat(acknowledged).hasSize(2 * EPISODES_PER_RECORDER);
    long drainStart = System.nanoTime();
    if (DRAIN) {
      startPipelines(pipelines);
    }

    // The oracle: Iceberg's REST client against the catalog service, S3FileIO for the data.
    try (RESTCatalog rest = new RESTCatalog()) {
      Map<String, String> props = new HashMap<>(s3Properties(s3Url));
      props.put("uri", "http://127.0.0.1:" + catalogPort + "/iceberg");
      // OAuth2 client credentials, as Spark or PyIceberg would send them: name:token.
      props.put("credential", "admin:" + ADMIN_TOKEN);
      rest.initialize("oracle", props);
      Map<String, Integer> episodes = Map.of();
      Map<String, Integer> frames = Map.of();
      long deadline = System.nanoTime() + Duration.ofMinutes(DRAIN ? 10 : 3).toNanos();
      while (System.nanoTime() < deadline) {
        episodes = countBy(rest, "episodes");
        if (episodes.keySet().containsAll(acknowledged.keySet())) {
          break;
        }
        Child.sleep(2_000);
      }
      if (DRAIN) {
        double wall = (System.nanoTime() - drainStart) / 1e9;
        double cpu = pipelines.stream().mapToDouble(Child::cpuSeconds).sum();
        LOG.info(
            "drain: {} episodes by 2 pipeline processes in {} s wall from their start ({}"
                + " episodes/s), {} s of their processes' CPU ({} episodes per CPU-second)",
            episodes.size(),
            String.format("%.1f", wall),
            String.format("%.1f", episodes.size() / wall),
            String.format("%.1f", cpu),
            String.format("%.1f", episodes.size() / cpu));
      }
      frames = countBy(rest, "frames");
      Map<String, String> verdicts = statuses(rest);
      // Distinct simulated takes, each complete: never a duplicate, never quarantined. A real-time
      // rig on this loaded machine may really drop samples: then REJECTED, which keeps no frames.
      assertThat(verdicts)
          .as("verdicts (reasons: %s)", reasons(rest))
          .allSatisfy(
              (id, status) ->
                  assertThat(status).isIn("ACCEPTED", "ACCEPTED_WITH_FLAGS", "REJECTED"));
      if (!episodes.keySet().containsAll(acknowledged.keySet())) {
        // What the pipelines were doing, in the failure itself (the temporary logs are gone after):
        // their metrics (assignment, lag, held episodes) and every thread's stack, then the tails.
        for (int i = 0; i < pipelines.size(); i++) {
          LOG.error("{} metrics:\n{}", pipelines.get(i).name(), metrics(metricsPorts[i]));
          pipelines.get(i).threadDump();
        }
        Child.sleep(2_000); // the dumps are written by the JVMs' signal threads
        for (Child p : pipelines) {
          LOG.error("{} log tail:\n{}", p.name(), p.tail());
        }
        keepLogs(dir.resolve("logs"));
      }
      assertThat(episodes.keySet())
          .as("episodes rows")
          .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
      assertThat(episodes.values()).as("rows per episode").allMatch(n -> n == 1);
      for (var e : acknowledged.entrySet()) {
        boolean kept = !"REJECTED".equals(verdicts.get(e.getKey()));
        assertThat(frames.getOrDefault(e.getKey(), 0))
            .as("frames of " + e.getKey() + " (" + verdicts.get(e.getKey()) + ")")
            .isEqualTo(kept ? e.getValue() : 0);
      }
      assertThat(verdicts.values())
          .as("accepted takes: the data team's training set below needs some")
          .anyMatch(v -> v.startsWith("ACCEPTED"));
      assertThat(frames.keySet()).isSubsetOf(acknowledged.keySet());
      if (!DRAIN) { // --fast recordings carry nominal, not wall-clock, commit times
        logFreshness(rest);
      }
    }

    // A data team on another machine: SQL, a training set and a LeRobot export straight from the
    // deployment's lake (PostgreSQL + S3) and video bucket, configured by the same file.
    String counted =
        cli(
            "query",
            "sql",
            "SELECT count(*) AS n FROM episodes",
            "--config",
            config.toString(),
            "--format",
            "csv");
    assertThat(counted).contains(String.valueOf(acknowledged.size()));
    cli("trainingset", "build", "cluster-set", "--size", "100", "--config", config.toString());
    Path export = dir.resolve("export");
    cli(
        "export",
        "cluster-set",
        export.toString(),
        "--config",
        config.toString(),
        "--video-codec",
        "h264");
    assertThat(dev.tributary.catalog.lerobot.LeRobotConformance.check(export))
        .as("LeRobot conformance of the export")
        .isEmpty();
    assertThat(export.resolve("videos")).isDirectory();
    LOG.info(
        "cluster test: {} acknowledged episodes, each once with all frames", acknowledged.size());
  }

  /** In turn: the first creates the curated tables the second (through REST) then commits to. */
  private static void startPipelines(List<Child> pipelines) {
    for (Child p : pipelines) {
      p.start().awaitLog("running in group", Duration.ofSeconds(120));
    }
  }

  /** A pipeline's metrics in the Prometheus text format, without comment lines; or why not. */
  private static String metrics(int port) {
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return response
          .body()
          .lines()
          .filter(l -> !l.startsWith("#") && !l.startsWith("jvm_") && !l.startsWith("process_"))
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (Exception e) {
      return "metrics unreadable: " + e;
    }
  }

  /** A catalog token from the admin API, as an operator issues one. */
  private static String issueToken(int catalogPort, String name, String role) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + catalogPort + "/api/v1/admin/tokens"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .path("token")
        .asText();
  }

  /**
   * Copies every process's whole log to target/cluster-it-logs (the temporary folder goes with the
   * test), so that a stall can be read after the run, not only the tails printed above.
   */
  private static void keepLogs(Path logs) throws IOException {
    Path kept = Path.of("target", "cluster-it-logs");
    Files.createDirectories(kept);
    try (var files = Files.list(logs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, kept.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    LOG.error("cluster logs kept in {}", kept.toAbsolutePath());
  }

  /** One broker, one gateway and one pipeline instance SIGKILLed in turn, then restarted. */
  private static void injectFaults(
      List<Child> brokers, List<Child> gateways, List<Child> pipelines) {
    Child.sleep(5_000);
    LOG.info("SIGKILL broker 2");
    brokers.get(1).kill();
    Child.sleep(3_000);
    LOG.info("SIGKILL gateway 1");
    gateways.get(0).kill();
    Child.sleep(3_000);
    LOG.info("SIGKILL pipeline 1");
    pipelines.get(0).kill();
    Child.sleep(4_000);
    brokers.get(1).start().awaitLog("ready ", Duration.ofSeconds(90));
    gateways.get(0).start();
    pipelines.get(0).start();
    gateways.get(0).awaitLog("listening on", Duration.ofSeconds(120));
  }

  /**
   * Seconds from each episode's commit at the recorder ({@code edge_committed_at}) to the commit of
   * the Iceberg snapshot that added its row, as {@code ./tributary query freshness} computes it.
   */
  private static void logFreshness(RESTCatalog rest) throws IOException {
    Table t = rest.loadTable(TableIdentifier.of("tributary", "episodes"));
    Map<String, Long> committedAt = new HashMap<>();
    for (org.apache.iceberg.Snapshot snapshot : t.snapshots()) {
      for (org.apache.iceberg.DataFile f : snapshot.addedDataFiles(t.io())) {
        committedAt.putIfAbsent(f.location(), snapshot.timestampMillis());
      }
    }
    org.apache.iceberg.Schema projection =
        new org.apache.iceberg.Schema(
            t.schema().findField("edge_committed_at"),
            org.apache.iceberg.MetadataColumns.FILE_PATH);
    List<Double> seconds = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(t).project(projection).build()) {
      for (Record row : rows) {
        Long commit = committedAt.get(row.getField("_file").toString());
        var edge = (java.time.OffsetDateTime) row.getField("edge_committed_at");
        if (commit != null && edge != null) {
          seconds.add((commit - edge.toInstant().toEpochMilli()) / 1000.0);
        }
      }
    }
    java.util.Collections.sort(seconds);
    if (!seconds.isEmpty()) {
      LOG.info(
          "freshness (recorder commit -> visible) over {} episodes: p50 {} s, p90 {} s, p99 {} s,"
              + " max {} s",
          seconds.size(),
          quantile(seconds, 0.5),
          quantile(seconds, 0.9),
          quantile(seconds, 0.99),
          seconds.get(seconds.size() - 1));
    }
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }

  /** Runs a `tributary` command in this JVM; fails with its output unless it exits with 0. */
  private static String cli(String... args) {
    java.io.PrintStream original = System.out;
    java.io.PrintStream originalErr = System.err;
    var out = new java.io.ByteArrayOutputStream();
    int code;
    try (var capture =
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      code = TributaryCli.execute(args);
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    LOG.info("tributary {}:\n{}", String.join(" ", args), text);
    assertThat(code).as("tributary " + String.join(" ", args) + "\n" + text).isZero();
    return text;
  }

  private static Map<String, String> statuses(RESTCatalog rest) throws IOException {
    Map<String, String> out = new HashMap<>();
    Table t = rest.loadTable(TableIdentifier.of("tributary", "episodes"));
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t).select("episode_id", "status").build()) {
      for (Record row : rows) {
        out.put((String) row.getField("episode_id"), (String) row.getField("status"));
      }
    }
    return out;
  }

  private static Map<String, String> reasons(RESTCatalog rest) throws IOException {
    Map<String, String> out = new HashMap<>();
    Table t = rest.loadTable(TableIdentifier.of("tributary", "episodes"));
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t)
            .select("episode_id", "status", "reasons", "duplicate_of", "duplicate_kind")
            .build()) {
      for (Record row : rows) {
        if (!"ACCEPTED".equals(row.getField("status"))) {
          out.put(
              (String) row.getField("episode_id"),
              row.getField("status")
                  + " "
                  + row.getField("reasons")
                  + " "
                  + row.getField("duplicate_kind")
                  + " of "
                  + row.getField("duplicate_of"));
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> countBy(RESTCatalog rest, String table) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    Table t = rest.loadTable(TableIdentifier.of("tributary", table));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(t).select("episode_id").build()) {
      for (Record row : rows) {
        out.merge((String) row.getField("episode_id"), 1, Integer::sum);
      }
    }
    return out;
  }

  private Child broker(
      Path logs, int n, int[] ports, int[] controllers, String voters, String clusterId) {
    return Child.java(
        "kafka-" + (n + 1),
        logs,
        "512m",
        KafkaNodeMain.class.getName(),
        dir.resolve("kafka-" + (n + 1)).toString(),
        String.valueOf(n + 1),
        String.valueOf(ports[n]),
        String.valueOf(controllers[n]),
        voters,
        clusterId,
        "3");
  }

  private static Child service(
      String service, String name, Path logs, Path config, String... sets) {
    List<String> args = new ArrayList<>(List.of(service, "--config", config.toString()));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    return Child.java(
        name, logs, "512m", TributaryCli.class.getName(), args.toArray(String[]::new));
  }

  private static Map<String, String> s3Properties(String s3Url) {
    return Map.of(
        "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
        "s3.endpoint", s3Url,
        "s3.path-style-access", "true",
        "s3.access-key-id", S3_KEY,
        "s3.secret-access-key", S3_SECRET,
        "client.region", "us-east-1",
        "http-client.type", "urlconnection");
  }

  private Path writeConfig(String bootstrap, String s3Url, String jdbcUrl, int catalogPort)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("gateway.bootstrap-servers=" + bootstrap);
    lines.add("gateway.ingest-partitions=6");
    lines.add("gateway.s3-endpoint=" + s3Url);
    lines.add("gateway.s3-access-key=" + S3_KEY);
    lines.add("gateway.s3-secret-key=" + S3_SECRET);
    lines.add("gateway.admin-token=" + ADMIN_TOKEN);
    lines.add("gateway.event-loops=1");
    lines.add("pipeline.bootstrap-servers=" + bootstrap);
    lines.add("pipeline.commit-interval=1s");
    lines.add("pipeline.object-store.endpoint=" + s3Url);
    lines.add("pipeline.object-store.access-key=" + S3_KEY);
    lines.add("pipeline.object-store.secret-key=" + S3_SECRET);
    lines.add("catalog.port=" + catalogPort);
    lines.add("catalog.videos-endpoint=" + s3Url);
    lines.add("catalog.videos-access-key=" + S3_KEY);
    lines.add("catalog.videos-secret-key=" + S3_SECRET);
    lines.add("catalog.videos-cache=" + dir.resolve("catalog-video-cache"));
    lines.add("catalog.kafka-bootstrap-servers=" + bootstrap);
    lines.add("catalog.auth.admin-token=" + ADMIN_TOKEN);
    for (String service : List.of("pipeline", "catalog")) {
      lines.add(service + ".lake.catalog-uri=" + jdbcUrl);
      lines.add(service + ".lake.warehouse=s3://lake/warehouse");
      lines.add(service + ".lake.extra-properties.jdbc.user=postgres");
      s3Properties(s3Url)
          .forEach((k, v) -> lines.add(service + ".lake.extra-properties." + k + "=" + v));
    }
    Path file = dir.resolve("tributary.properties");
    Files.write(file, lines);
    return file;
  }

  private static void createBucket(String endpoint, String bucket) {
    try (var s3 =
        software.amazon.awssdk.services.s3.S3Client.builder()
            .endpointOverride(URI.create(endpoint))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        S3_KEY, S3_SECRET)))
            .forcePathStyle(true)
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  private static String base64Uuid() {
    UUID u = UUID.randomUUID();
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
