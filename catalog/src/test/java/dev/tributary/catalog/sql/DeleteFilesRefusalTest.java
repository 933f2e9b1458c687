package dev.tributary.catalog.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.schema.table.CuratedTables;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteFilesRefusalTest {
  @TempDir Path dir;

  @Test
  void aTableWithDeleteFilesIsRefusedBecausePlainParquetWouldResurrectDeletedRows()
      throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("data"))) {
      new SyntheticCorpus(lake.catalog()).append(List.of(Episode.accepted("aachen", "pick", 1)));
      Table episodes = lake.catalog().loadTable(CuratedTables.EPISODES);
      DataFile data = episodes.currentSnapshot().addedDataFiles(episodes.io()).iterator().next();
      DeleteFile deletes =
          FileMetadata.deleteFileBuilder(episodes.spec())
              .ofPositionDeletes()
              .withPath(data.location() + ".deletes.parquet")
              .withFormat("parquet")
              .withFileSizeInBytes(100)
              .withRecordCount(1)
              .withPartition(data.partition())
              .build();
      episodes.newRowDelta().addDeletes(deletes).commit();

      assertThatThrownBy(() -> CorpusSql.open(lake.catalog()))
          .isInstanceOf(SqlException.class)
          .hasMessageContaining("has delete files at snapshot")
          .hasMessageContaining("compact the table");
    }
  }
}
