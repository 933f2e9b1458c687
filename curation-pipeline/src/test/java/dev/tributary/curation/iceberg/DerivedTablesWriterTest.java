package dev.tributary.curation.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedTablesWriterTest {
  @TempDir Path dir;

  private static Record episode(String id, String site, String status, double seconds) {
    GenericRecord r = GenericRecord.create(CuratedTables.EPISODES_SCHEMA);
    r.setField("episode_id", id);
    r.setField("site_id", site);
    r.setField("status", status);
    r.setField("task", "pick the cube");
    r.setField("started_at", CuratedRows.time(1_700_000_000_000_000L));
    r.setField("curated_at", CuratedRows.time(1_700_000_100_000_000L));
    r.setField("sample_count", 300);
    r.setField("duration_s", seconds);
    r.setField("reasons", status.equals("QUARANTINED") ? List.of("assembly_timeout") : List.of());
    if (status.startsWith("ACCEPTED")) {
      r.setField("novelty_score", 0.5);
      r.setField("quality_score", 1.0);
      r.setField("coverage_cell", site.hashCode());
      r.setField("diversity_features", List.of(1f, 0f, 0f));
    }
    return r;
  }

  private static void append(LakeTables tables, Record... rows) {
    Table t = tables.episodes();
    AppendFiles append = t.newAppend();
    new DataFileWriter("test").write(t, List.of(rows)).forEach(append::appendFile);
    append.commit();
  }

  private static List<Record> rows(Table t) throws IOException {
    t.refresh();
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(t).build()) {
      it.forEach(out::add);
    }
    return out;
  }

  @Test
  void derivedTablesFollowEpisodesAndARestartAppendsNoQuarantineRowTwice() throws Exception {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      append(
          tables,
          episode("a1", "lisbon", "ACCEPTED", 1800),
          episode("a2", "lisbon", "QUARANTINED", 0));
      DerivedTablesWriter writer = new DerivedTablesWriter(tables, "p1");
      assertThat(writer.refresh()).isEqualTo(2);
      assertThat(writer.refresh()).isZero(); // nothing new

      append(
          tables, episode("b1", "tokyo", "ACCEPTED", 3600), episode("b2", "tokyo", "REJECTED", 5));
      // A new writer (a restart) resumes after the snapshot the derived tables recorded.
      DerivedTablesWriter restarted = new DerivedTablesWriter(tables, "p1");
      assertThat(restarted.refresh()).isEqualTo(2);

      List<Record> quarantine = rows(tables.derived().quarantine());
      assertThat(quarantine).extracting(r -> r.getField("episode_id")).containsExactly("a2");
      List<Record> sites = rows(tables.derived().siteStats());
      assertThat(sites).hasSize(2);
      Record lisbon =
          sites.stream().filter(r -> r.getField("site_id").equals("lisbon")).findFirst().get();
      assertThat(lisbon.getField("episodes")).isEqualTo(2L);
      assertThat(lisbon.getField("quarantined")).isEqualTo(1L);
      assertThat(lisbon.getField("accepted_hours")).isEqualTo(0.5);
      assertThat(lisbon.getField("unique_cells")).isEqualTo(1);
      List<Record> corpus = rows(tables.derived().corpusStats());
      assertThat(corpus).hasSize(2);
      assertThat(corpus).extracting(r -> r.getField("episodes")).containsExactlyInAnyOrder(2L, 4L);
    }
  }
}
