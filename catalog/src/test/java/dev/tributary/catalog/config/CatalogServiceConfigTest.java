package dev.tributary.catalog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.table.LakeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatalogServiceConfigTest {

  private final LakeConfig lake = LakeConfig.embedded(Path.of("/tmp/tributary-test-data"));

  @Test
  void defaultsListenOnLoopbackPort8181AndCacheStatisticsForTwoSeconds() {
    CatalogServiceConfig config = CatalogServiceConfig.defaults(lake);

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8181);
    assertThat(config.statsRefresh()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.lake()).isSameAs(lake);
    assertThat(config.withPort(0).port()).isZero();
  }

  @Test
  void theLiveFeedIsOffByDefaultAndOnWithKafkaKeepingThePort() {
    CatalogServiceConfig plain = CatalogServiceConfig.defaults(lake);
    CatalogServiceConfig live = plain.withPort(0).withKafka("127.0.0.1:9092");

    assertThat(plain.liveFeed()).isFalse();
    assertThat(live.liveFeed()).isTrue();
    assertThat(live.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(live.port()).isZero();
    assertThat(live.withPort(8282).kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(live.pipelineGroupId()).isEqualTo("tributary-curation");
    assertThat(plain.withKafka("  ").liveFeed()).as("blank servers mean no Kafka").isFalse();
  }

  @Test
  void rejectsANegativeOrHugeVerdictBackfillWithTheAllowedRange() {
    assertThatThrownBy(
            () -> new CatalogServiceConfig("127.0.0.1", 0, lake, null, "k:9092", -1, null))
        .hasMessageContaining("between 0 and 10000");
    assertThatThrownBy(
            () -> new CatalogServiceConfig("127.0.0.1", 0, lake, null, "k:9092", 10_001, null))
        .hasMessageContaining("verdictBackfill");
  }

  @Test
  void aMissingStatsRefreshMeansTheDefault() {
    assertThat(new CatalogServiceConfig("127.0.0.1", 0, lake, null).statsRefresh())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsAnOutOfRangePortWithAMessageThatSaysWhatIsAllowed() {
    assertThatThrownBy(() -> new CatalogServiceConfig("127.0.0.1", 70000, lake, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("catalog port must be between 0 (any free port) and 65535, got 70000");
  }

  @Test
  void rejectsABlankHostAMissingLakeAndANegativeRefresh() {
    assertThatThrownBy(() -> new CatalogServiceConfig(" ", 0, lake, null))
        .hasMessageContaining("catalog host");
    assertThatThrownBy(() -> new CatalogServiceConfig("127.0.0.1", 0, null, null))
        .hasMessageContaining("needs a lake");
    assertThatThrownBy(() -> new CatalogServiceConfig("127.0.0.1", 0, lake, Duration.ofSeconds(-1)))
        .hasMessageContaining("statsRefresh");
  }

  @Test
  void tlsNeedsBothFilesAndAuthMayBeOffOnlyOnLoopback() throws Exception {
    java.nio.file.Path pem = java.nio.file.Files.createTempFile("cert", ".pem");
    assertThatThrownBy(() -> CatalogServiceConfig.defaults(lake).withTls(pem, null))
        .hasMessageContaining("only one of catalog tlsCertPath and tlsKeyPath");
    assertThatThrownBy(
            () -> CatalogServiceConfig.defaults(lake).withTls(pem, Path.of("/nope/key.pem")))
        .hasMessageContaining("/nope/key.pem is not readable");
    assertThat(CatalogServiceConfig.defaults(lake).withTls(pem, pem).tls()).isTrue();

    assertThat(CatalogServiceConfig.defaults(lake).auth().enabled()).isTrue();
    assertThat(CatalogServiceConfig.defaults(lake).withAuth(CatalogAuthConfig.off()).host())
        .isEqualTo("127.0.0.1");
    assertThatThrownBy(
            () ->
                new CatalogServiceConfig("0.0.0.0", 0, lake, null)
                    .withAuth(CatalogAuthConfig.off()))
        .hasMessageContaining("auth.enabled=false on 0.0.0.0");
    assertThatThrownBy(() -> CatalogAuthConfig.defaults().withAdminToken("short"))
        .hasMessageContaining("shorter than 16");
    assertThatThrownBy(() -> SqlLimits.defaults().withMaxConcurrent(0))
        .hasMessageContaining("sql.maxConcurrent 0 is outside 1 .. 64");
    assertThat(
            CatalogServiceConfig.defaults(lake)
                .withAuth(CatalogAuthConfig.defaults().withAdminToken("0123456789abcdef-secret"))
                .toString())
        .doesNotContain("0123456789abcdef-secret");
  }
}
