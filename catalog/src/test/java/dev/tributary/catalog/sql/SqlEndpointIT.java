package dev.tributary.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.TestLake;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlEndpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void postingSqlReturnsJsonRowsAndBadSqlGetsA400WithOneLine() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("data"))) {
      new SyntheticCorpus(lake.catalog())
          .append(
              List.of(
                  Episode.accepted("aachen", "pick", 1),
                  Episode.accepted("aachen", "pick", 2),
                  Episode.accepted("bologna", "place", 3)));
      try (CatalogService service =
          CatalogService.start(
              new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200)))) {
        HttpProbe http = new HttpProbe(service.baseUrl(), service.adminToken());

        HttpResponse<String> ok =
            http.post(
                "/api/v1/sql?limit=1",
                "SELECT site_id, count(*) AS n FROM episodes GROUP BY 1 ORDER BY n DESC");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("columns").toString()).isEqualTo("[\"site_id\",\"n\"]");
        assertThat(body.path("rows").toString()).isEqualTo("[[\"aachen\",2]]");
        assertThat(body.path("truncated").asBoolean()).isTrue();

        HttpResponse<String> named = http.post("/api/v1/sql", "sites-tasks");
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(named.body()).path("rows")).hasSize(2);

        HttpResponse<String> bad = http.post("/api/v1/sql", "SELECT nope FROM episodes");
        assertThat(bad.statusCode()).isEqualTo(400);
        String error = JSON.readTree(bad.body()).path("error").asText();
        assertThat(error).startsWith("SQL error: ").contains("nope").doesNotContain("\n");

        HttpResponse<String> write = http.post("/api/v1/sql", "DELETE FROM episodes");
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(write.body()).path("error").asText()).contains("read-only");
      }
    }
  }
}
