package dev.tributary.schema.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeConfigTest {
  @Test
  void aJdbcCatalogOnPostgresqlWithAnS3Warehouse() {
    LakeConfig lake =
        new LakeConfig(
            "tributary",
            "jdbc:postgresql://db:5432/lake",
            "s3://lake/warehouse",
            Map.of("io-impl", "org.apache.iceberg.aws.s3.S3FileIO", "jdbc.user", "tributary"));
    assertThat(lake.isRest()).isFalse();
    assertThat(lake.toCatalogProperties())
        .containsEntry("type", "jdbc")
        .containsEntry("uri", "jdbc:postgresql://db:5432/lake")
        .containsEntry("jdbc.schema-version", "V1")
        .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("jdbc.user", "tributary")
        .containsEntry("jdbc.socketTimeout", "120")
        .containsEntry("jdbc.connectTimeout", "10");
  }

  @Test
  void aCatalogThatStopsAnsweringFailsTheCallAfterATimeoutUnlessSetOtherwise() {
    LakeConfig rest =
        new LakeConfig(
            "tributary",
            "https://catalog.example.org/iceberg",
            "lake",
            Map.of("rest.client.socket-timeout-ms", "5000"));
    assertThat(rest.toCatalogProperties())
        .containsEntry("rest.client.connection-timeout-ms", "10000")
        .containsEntry("rest.client.socket-timeout-ms", "5000");
    assertThat(LakeConfig.embedded(java.nio.file.Path.of("/data")).toCatalogProperties())
        .as("SQLite's driver takes no network timeouts")
        .doesNotContainKeys("jdbc.socketTimeout", "rest.client.socket-timeout-ms");
  }

  @Test
  void anIcebergRestCatalogByUrl() {
    LakeConfig lake =
        new LakeConfig(
            "tributary",
            "https://catalog.example.org/iceberg",
            "lake",
            Map.of("credential", "id:secret"));
    assertThat(lake.isRest()).isTrue();
    assertThat(lake.toCatalogProperties())
        .containsEntry("type", "rest")
        .containsEntry("uri", "https://catalog.example.org/iceberg")
        .containsEntry("credential", "id:secret")
        .doesNotContainKey("jdbc.schema-version");
  }

  @Test
  void anythingElseIsRefusedWithBothForms() {
    assertThatThrownBy(() -> new LakeConfig("t", "/data/catalog.db", "file:/w", Map.of()))
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageContaining("Iceberg REST catalog");
  }
}
