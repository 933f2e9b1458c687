package dev.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.ops.OpsFiles;
import dev.tributary.catalog.ops.PrometheusText;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.schema.topic.TopicInstaller;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's half of the ops contract: its {@code /metrics} is valid Prometheus text, and every
 * metric the Grafana dashboard and the alert rules use is exported by the catalog, unless it is a
 * gateway or pipeline metric (checked against a running platform by the launcher's
 * DashboardBrowserIT).
 */
class OpsContractIT {

  @TempDir Path dir;

  @Test
  void metricsAreValidPrometheusTextAndCoverEveryCatalogMetricOfTheDashboardsAndAlerts()
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        TestLake lake = TestLake.withCuratedTables(dir.resolve("lake"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicInstaller.ensure(admin, 2, (short) 1);
      }
      lake.appendEpisodes(List.of(EpisodeRow.of("site-a", "REJECTED", 10.0, 300)));
      try (CatalogService service =
          CatalogService.start(
              new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                  .withKafka(kafka.bootstrapServers()))) {
        HttpProbe http = new HttpProbe(service.baseUrl(), service.adminToken());
        http.getJson("api/v1/sites"); // one scan: per-site gauges exist from now on
        Set<String> wanted = new TreeSet<>(OpsFiles.locate().allMetricNames());
        wanted.removeIf(
            name ->
                name.startsWith("tributary_gateway_") || name.startsWith("tributary_curation_"));
        wanted.removeAll(OpsFiles.SYNTHETIC);

        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  HttpResponse<String> metrics = http.get("metrics");
                  assertThat(metrics.headers().firstValue("content-type"))
                      .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
                  Set<String> exported = PrometheusText.parse(metrics.body()).sampleNames();
                  assertThat(exported).containsAll(wanted);
                });
      }
    }
  }
}
