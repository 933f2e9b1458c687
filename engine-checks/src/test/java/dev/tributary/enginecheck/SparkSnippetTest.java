package dev.tributary.enginecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SparkSnippetTest {
  private static final String README =
      """
      ## The Iceberg REST catalog

      ### Spark

      ```bash
      spark-sql \\
        --packages org.example:runtime:1.0 \\
        --conf spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog \\
        --conf spark.sql.catalog.lake.uri=http://127.0.0.1:8181/iceberg \\
        --conf spark.sql.catalog.lake.oauth2-server-uri=http://127.0.0.1:8181/iceberg/v1/oauth/tokens \\
        --conf spark.sql.catalog.lake.credential=alice:$ALICE_TOKEN
      ```
      ```sql
      SELECT site_id, count(*) AS episodes
      FROM lake.tributary.episodes GROUP BY site_id;

      SELECT * FROM lake.tributary.episodes.snapshots;   -- offsets in `summary`
      ```

      ### PyIceberg

      ```bash
      --conf not.this=one
      ```
      """;

  @Test
  void theSparkSectionGivesPackagesSettingsAndStatementsInOrder() {
    SparkSnippet snippet = SparkSnippet.parse(README);

    assertThat(snippet.packages()).containsExactly("org.example:runtime:1.0");
    assertThat(snippet.confs().keySet())
        .containsExactly(
            "spark.sql.catalog.lake",
            "spark.sql.catalog.lake.uri",
            "spark.sql.catalog.lake.oauth2-server-uri",
            "spark.sql.catalog.lake.credential");
    assertThat(snippet.statements())
        .containsExactly(
            "SELECT site_id, count(*) AS episodes FROM lake.tributary.episodes GROUP BY site_id",
            "SELECT * FROM lake.tributary.episodes.snapshots");
  }

  @Test
  void onlyTheUriAndTheTokenAreFilledIn() {
    var confs = SparkSnippet.parse(README).confsFor("http://127.0.0.1:41234/iceberg", "trb_x");

    assertThat(confs)
        .containsEntry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.lake.uri", "http://127.0.0.1:41234/iceberg")
        .containsEntry(
            "spark.sql.catalog.lake.oauth2-server-uri",
            "http://127.0.0.1:41234/iceberg/v1/oauth/tokens")
        .containsEntry("spark.sql.catalog.lake.credential", "alice:trb_x");
  }

  @Test
  void aReadmeWhoseSettingsNoLongerMatchFailsLoudlyInsteadOfConnectingElsewhere() {
    SparkSnippet moved = SparkSnippet.parse(README.replace("8181", "9191"));

    assertThatThrownBy(() -> moved.confsFor("http://127.0.0.1:41234/iceberg", "trb_x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http://127.0.0.1:8181/iceberg");
  }

  @Test
  void theCatalogReadmeHasASparkSnippetWithAnIcebergRuntimeAndTwoStatements() {
    SparkSnippet snippet =
        SparkSnippet.read(Path.of(System.getProperty("tributary.catalog.readme")));

    assertThat(snippet.packages())
        .singleElement()
        .asString()
        .startsWith("org.apache.iceberg:iceberg-spark-runtime-");
    assertThat(snippet.confs()).containsKeys("spark.sql.catalog.lake", "spark.sql.extensions");
    assertThat(snippet.statements()).hasSizeGreaterThanOrEqualTo(1);
  }
}
