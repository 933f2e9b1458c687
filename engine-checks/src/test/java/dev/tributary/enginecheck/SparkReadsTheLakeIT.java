package dev.tributary.enginecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.IcebergBuild;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark (local mode) with Iceberg's Spark runtime reads the curated tables through the
 * catalog's Iceberg REST endpoint, with exactly the settings of catalog/README.md's Spark snippet
 * (only the URI and the data team's token filled in), against the whole platform started as {@code
 * ./tributary run} in another process with a small simulated fleet. What Spark reads is compared
 * with what the pipeline wrote (every recorded episode, every sample of it) and with the catalog's
 * own SQL engine; without a credential, or with a wrong one, Spark is refused.
 */
class SparkReadsTheLakeIT {
  private static final int SITES = 2;
  private static final int EPISODES_PER_SITE = 2;
  private static final String CREDENTIAL = "spark.sql.catalog.lake.credential";

  /** The episodes whose samples the pipeline writes to {@code frames} (Decision#keepsFrames). */
  private static final String ACCEPTED = " WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')";

  @TempDir static Path dir;

  private static SparkSnippet snippet;
  private static PlatformProcess platform;
  private static SparkSession engine;
  private static CatalogHttp catalog;
  private static String aliceToken;
  private static SparkSession alice;

  @BeforeAll
  static void startThePlatformAndSpark() {
    snippet = SparkSnippet.read(Path.of(System.getProperty("tributary.catalog.readme")));
    long start = System.nanoTime();
    platform =
        PlatformProcess.start(
            Path.of(System.getProperty("tributary.launcher.dir")),
            dir.resolve("data"),
            Path.of("target", "platform-" + System.currentTimeMillis() + ".log"),
            "--sites",
            String.valueOf(SITES),
            "--episodes",
            String.valueOf(EPISODES_PER_SITE),
            "--episode-seconds",
            "3",
            "--partitions",
            "2",
            "--commit-interval-ms",
            "500");
    // Spark's own start-up overlaps the platform's: the REST catalog is first used by a query.
    engine = startSpark();
    platform.awaitRunning(Duration.ofMinutes(2));
    log("platform running", start);

    // The operator issues the data team's token with the catalog admin token (README "Security").
    catalog = new CatalogHttp(platform.catalogUrl());
    aliceToken = catalog.issueToken(platform.catalogAdminToken(), "alice", "data-team");

    // The fleet stops after its episodes; once all of them are rows, the tables stay as they are
    // (frames are committed before their episodes, so their samples are there too).
    try {
      await("every recorded episode curated")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  catalog.sqlLong(aliceToken, "SELECT count(*) FROM episodes")
                      == SITES * EPISODES_PER_SITE);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "; the platform's log ends:\n" + platform.tail(), e);
    }
    log("all episodes curated", start);
    alice = session(snippet.confsFor(platform.restUri().toString(), aliceToken));
  }

  @AfterAll
  static void stop() {
    try {
      if (engine != null) {
        engine.stop();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  @Test
  void theReadmePackageIsTheIcebergSparkRuntimeThisTestRuns() {
    String sparkMinor = engine.version().replaceAll("^(\\d+\\.\\d+).*", "$1");
    String scalaBinary =
        scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
    assertThat(snippet.packages())
        .containsExactly(
            "org.apache.iceberg:iceberg-spark-runtime-"
                + sparkMinor
                + "_"
                + scalaBinary
                + ":"
                + IcebergBuild.version());
  }

  @Test
  void sparkWithTheReadmeSettingsCountsEveryEpisodeAndFrameThePipelineWrote() {
    long episodes = longValue(alice, "SELECT count(*) FROM lake.tributary.episodes");
    assertThat(episodes)
        .isEqualTo(SITES * EPISODES_PER_SITE)
        .isEqualTo(catalog.sqlLong(aliceToken, "SELECT count(*) FROM episodes"));

    long frames = longValue(alice, "SELECT count(*) FROM lake.tributary.frames");
    assertThat(frames)
        .as("one frame row per joint sample of every accepted episode")
        .isEqualTo(
            longValue(alice, "SELECT sum(sample_count) FROM lake.tributary.episodes" + ACCEPTED))
        .isEqualTo(catalog.sqlLong(aliceToken, "SELECT count(*) FROM frames"))
        .isPositive();
  }

  @Test
  void aJoinOfEpisodesAndFramesInSparkMatchesTheCatalogsOwnSql() {
    String join =
        "SELECT e.episode_id, e.site_id, e.sample_count, count(*) AS frames,"
            + " min(f.sample_index) AS first_index, max(f.sample_index) AS last_index"
            + " FROM %1$sepisodes e JOIN %1$sframes f ON f.episode_id = e.episode_id"
            + " GROUP BY e.episode_id, e.site_id, e.sample_count ORDER BY e.episode_id";
    List<List<Object>> spark = rows(alice, String.format(join, "lake.tributary."));
    List<List<Object>> duckDb = normalized(catalog.sql(aliceToken, String.format(join, "")));

    long accepted = longValue(alice, "SELECT count(*) FROM lake.tributary.episodes" + ACCEPTED);
    assertThat(accepted).as("accepted episodes (the only ones with frames)").isPositive();
    assertThat(spark).hasSize((int) accepted).isEqualTo(duckDb);
    assertThat(spark.stream().map(row -> row.get(1)).distinct()).hasSize(SITES);
    for (List<Object> episode : spark) {
      long sampleCount = (Long) episode.get(2);
      assertThat(episode.subList(3, 6))
          .as("frames of episode %s: count, first and last sample_index", episode.get(0))
          .containsExactly(sampleCount, 0L, sampleCount - 1);
    }
  }

  @Test
  void theReadmeQueriesRunAsWrittenAndAgreeWithTheCatalogsOwnSql() {
    assertThat(snippet.statements()).isNotEmpty();
    for (String statement : snippet.statements()) {
      List<Row> result = alice.sql(statement).collectAsList();
      assertThat(result).as(statement).isNotEmpty();
      if (statement.contains(".snapshots")) {
        assertThat(result)
            .as("the pipeline's Kafka offsets in the snapshot summaries")
            .anySatisfy(
                row ->
                    assertThat(row.<String, String>getJavaMap(row.fieldIndex("summary")).keySet())
                        .anyMatch(key -> key.startsWith("tributary.offsets.")));
      } else {
        List<List<Object>> spark = sorted(rows(alice, statement));
        List<List<Object>> duckDb =
            sorted(normalized(catalog.sql(aliceToken, statement.replace("lake.tributary.", ""))));
        assertThat(spark).as(statement).isEqualTo(duckDb);
      }
    }
  }

  @Test
  void sparkWithoutACredentialIsRefused() {
    Map<String, String> confs = aliceConfs();
    confs.remove(CREDENTIAL);
    assertRefused(confs, "missing_token");
  }

  @Test
  void sparkWithAWrongSecretIsRefused() {
    Map<String, String> confs = aliceConfs();
    confs.put(CREDENTIAL, "alice:" + aliceToken + "-wrong");
    assertRefused(confs, "invalid_client");
  }

  @Test
  void sparkWithAnUnknownBearerTokenIsRefused() {
    Map<String, String> confs = aliceConfs();
    confs.remove(CREDENTIAL);
    confs.put("spark.sql.catalog.lake.token", "trb_not-a-token");
    assertRefused(confs, "invalid_token");
  }

  private static void assertRefused(Map<String, String> confs, String code) {
    SparkSession session = session(confs);
    assertThatThrownBy(
            () -> session.sql("SELECT count(*) FROM lake.tributary.episodes").collectAsList())
        .satisfies(
            e ->
                assertThat(causes(e))
                    .as("cause chain of %s", e)
                    .anySatisfy(
                        cause ->
                            assertThat(cause)
                                .isInstanceOf(NotAuthorizedException.class)
                                .hasMessageContaining(code)));
  }

  private static Map<String, String> aliceConfs() {
    return new LinkedHashMap<>(snippet.confsFor(platform.restUri().toString(), aliceToken));
  }

  /**
   * Spark in this JVM, for a two-core machine: local[2], two shuffle partitions, no UI, loopback.
   * Static settings of the README (spark.sql.extensions) go here; the catalog's go on each session.
   */
  private static SparkSession startSpark() {
    long start = System.nanoTime();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("tributary-engine-check")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.local.dir", dir.resolve("spark-local").toString())
            .config("spark.sql.warehouse.dir", dir.resolve("spark-warehouse").toString());
    snippet
        .confs()
        .forEach(
            (key, value) -> {
              if (SQLConf.isStaticConfigKey(key)) {
                builder.config(key, value);
              }
            });
    SparkSession spark = builder.getOrCreate();
    log("Spark " + spark.version() + " started", start);
    return spark;
  }

  /** A fresh session (its own catalogs) with the README's runtime settings. */
  private static SparkSession session(Map<String, String> confs) {
    SparkSession session = engine.newSession();
    confs.forEach(
        (key, value) -> {
          if (!SQLConf.isStaticConfigKey(key)) {
            session.conf().set(key, value);
          }
        });
    return session;
  }

  private static long longValue(SparkSession session, String sql) {
    return ((Number) session.sql(sql).collectAsList().get(0).get(0)).longValue();
  }

  /** Spark rows as lists of plain values, normalized as {@link #normalized} does. */
  private static List<List<Object>> rows(SparkSession session, String sql) {
    List<List<Object>> out = new ArrayList<>();
    for (Row row : session.sql(sql).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(plain(row.get(i)));
      }
      out.add(values);
    }
    return out;
  }

  private static List<List<Object>> normalized(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(SparkReadsTheLakeIT::plain).toList()).toList();
  }

  /** Integral numbers as Long, other numbers as Double, the rest as they are. */
  private static Object plain(Object value) {
    if (value instanceof Number number) {
      BigDecimal exact = new BigDecimal(number.toString());
      if (exact.stripTrailingZeros().scale() <= 0
          && !(number instanceof Double || number instanceof Float)) {
        return exact.longValueExact();
      }
      return number.doubleValue();
    }
    return value;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static void log(String what, long startNanos) {
    System.out.printf("%s after %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
  }
}
