package dev.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded setup: the pipeline commits to the SQLite catalog from the same JVM while the
 * service reads it through its own JDBC catalog instance. Reads must neither fail nor see partial
 * commits.
 */
class ConcurrentWriterIT {

  private static final int COMMITS = 10;
  private static final int ROWS_PER_COMMIT = 4;

  @TempDir Path dataDir;

  @Test
  void servesConsistentCountsWhileAWriterInTheSameJvmKeepsCommitting() throws Exception {
    try (TestLake writer = TestLake.withCuratedTables(dataDir);
        CatalogService service =
            CatalogService.start(
                new CatalogServiceConfig("127.0.0.1", 0, writer.config(), Duration.ZERO))) {
      HttpProbe http = new HttpProbe(service.baseUrl(), service.adminToken());
      CompletableFuture<Void> commits =
          CompletableFuture.runAsync(
              () -> {
                for (int c = 0; c < COMMITS; c++) {
                  List<EpisodeRow> rows = new ArrayList<>();
                  for (int r = 0; r < ROWS_PER_COMMIT; r++) {
                    rows.add(EpisodeRow.of("site-" + (r % 2), "ACCEPTED", 30.0, 900));
                  }
                  writer.appendEpisodes(rows);
                }
              });

      List<Long> seen = new ArrayList<>();
      while (!commits.isDone()) {
        HttpResponse<String> sites = http.get("api/v1/sites");
        assertThat(sites.statusCode()).as(sites.body()).isEqualTo(200);
        long episodes = http.getJson("api/v1/sites").path("totals").path("episodes").asLong();
        seen.add(episodes);
        assertThat(http.get("iceberg/v1/namespaces/tributary/tables/episodes").statusCode())
            .isEqualTo(200);
      }
      commits.get(60, TimeUnit.SECONDS);

      // Every observed total is a whole number of commits: no partial commit is ever visible.
      assertThat(seen).allSatisfy(total -> assertThat(total % ROWS_PER_COMMIT).isZero());
      assertThat(seen).isSorted();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(http.getJson("api/v1/sites").path("totals").path("episodes").asLong())
                      .isEqualTo((long) COMMITS * ROWS_PER_COMMIT));
    }
  }
}
