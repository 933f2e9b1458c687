package dev.tributary.curation.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeTablesTest {
  @TempDir Path dir;

  @Test
  void openingAFreshLakeCreatesTheCatalogFolderAndBothTablesAsIcebergV2Parquet() {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir.resolve("data")))) {
      assertThat(dir.resolve("data/catalog/catalog.db")).exists();
      for (Table t : new Table[] {tables.episodes(), tables.frames()}) {
        // format-version is consumed at creation, not kept as a property
        CuratedTables.PROPERTIES.forEach(
            (k, v) -> {
              if (!k.equals("format-version")) {
                assertThat(t.properties()).containsEntry(k, v);
              }
            });
        assertThat(
                ((org.apache.iceberg.HasTableOperations) t).operations().current().formatVersion())
            .isEqualTo(2);
      }
      // Iceberg assigns fresh ids at creation (list element ids differ): compare by name.
      assertThat(tables.episodes().spec().fields().get(0).name())
          .isEqualTo(CuratedTables.EPISODES_SPEC.fields().get(0).name());
      assertThat(tables.frames().schema().columns())
          .extracting(org.apache.iceberg.types.Types.NestedField::name)
          .containsExactlyElementsOf(
              CuratedTables.FRAMES_SCHEMA.columns().stream()
                  .map(org.apache.iceberg.types.Types.NestedField::name)
                  .toList());
    }
  }

  @Test
  void openingItAgainLoadsTheSameTables() {
    LakeConfig lake = LakeConfig.embedded(dir.resolve("data"));
    String location;
    try (LakeTables first = LakeTables.open(lake)) {
      location = first.episodes().location();
    }
    try (LakeTables second = LakeTables.open(lake)) {
      assertThat(second.episodes().location()).isEqualTo(location);
    }
  }

  @Test
  void aCatalogFolderThatCannotBeCreatedFailsWithOneLine() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> LakeTables.open(LakeConfig.embedded(notAFolder.resolve("data"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot create the catalog folder")
        .hasMessageNotContaining("\n");
  }

  @Test
  void instancesOpeningAFreshLakeAtOnceAllSucceed() throws Exception {
    // Pipelines and the catalog service start together on a new lake: namespace and table
    // creation race (on PostgreSQL the loser got a unique-key violation and the process exited).
    LakeConfig lake = LakeConfig.embedded(dir);
    int instances = 6;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(instances);
    try {
      var opened = new java.util.ArrayList<java.util.concurrent.Future<LakeTables>>();
      for (int i = 0; i < instances; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return LakeTables.open(lake);
                }));
      }
      start.countDown();
      for (var f : opened) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS).episodes().name())
            .endsWith("episodes");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
