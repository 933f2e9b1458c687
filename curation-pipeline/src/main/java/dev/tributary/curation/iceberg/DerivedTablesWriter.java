package dev.tributary.curation.iceberg;

import dev.tributary.curation.stats.CorpusStatistics;
import dev.tributary.curation.stats.CorpusSummary;
import dev.tributary.curation.stats.DuplicateCluster;
import dev.tributary.curation.stats.EpisodeFacts;
import dev.tributary.curation.stats.SiteStats;
import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the derived tables ({@code site_stats}, {@code corpus_stats}, {@code duplicate_clusters},
 * {@code quarantine}) up to date with {@code episodes}. Reads only the rows appended since the last
 * refresh (Iceberg incremental append scan). {@code quarantine} and {@code corpus_stats} are
 * appended exactly once: each commit records in its snapshot summary the {@code episodes} snapshot
 * it folded in, and a restart resumes after it; the other two are replaced on every refresh.
 */
public final class DerivedTablesWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DerivedTablesWriter.class);
  private static final String[] COLUMNS = {
    "episode_id",
    "site_id",
    "status",
    "task",
    "duration_s",
    "sample_count",
    "quality_score",
    "novelty_score",
    "coverage_cell",
    "diversity_features",
    "duplicate_kind",
    "duplicate_cluster",
    "reasons",
    "curated_at"
  };

  private final LakeTables tables;
  private final DataFileWriter writer;
  private CorpusStatistics stats;
  private Long folded; // the episodes snapshot the statistics include; null: none

  public DerivedTablesWriter(LakeTables tables, String instanceId) {
    this.tables = tables;
    this.writer = new DataFileWriter(instanceId + "-stats");
  }

  /**
   * Folds the episodes appended since the last refresh into the derived tables.
   *
   * @return how many episode rows were folded in (0 when {@code episodes} did not change)
   */
  public synchronized int refresh() {
    Table episodes = tables.episodes();
    episodes.refresh();
    Snapshot current = episodes.currentSnapshot();
    if (current == null) {
      return 0;
    }
    if (stats == null) {
      restore(episodes);
    }
    if (folded != null && folded == current.snapshotId()) {
      return 0;
    }
    List<EpisodeFacts> fresh =
        read(
            folded == null
                ? IcebergGenerics.read(episodes).useSnapshot(current.snapshotId())
                : IcebergGenerics.read(episodes).appendsBetween(folded, current.snapshotId()));
    List<Record> quarantined = new ArrayList<>();
    for (EpisodeFacts f : fresh) {
      stats.add(f);
      if ("QUARANTINED".equals(f.status())) {
        quarantined.add(quarantineRow(f));
      }
    }
    OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
    String from = Long.toString(current.snapshotId());
    LakeTables.DerivedTables derived = tables.derived();
    // quarantine first: it is the one whose summary says what has been folded in
    append(derived.quarantine(), quarantined, from);
    append(derived.corpusStats(), List.of(corpusRow(stats.corpus(), current, now)), from);
    replace(derived.siteStats(), stats.sites().stream().map(s -> siteRow(s, now)).toList());
    replace(
        derived.duplicateClusters(),
        stats.clusters().stream().map(c -> clusterRow(c, now)).toList());
    folded = current.snapshotId();
    return fresh.size();
  }

  /** Rebuilds the statistics up to the episodes snapshot the derived tables last recorded. */
  private void restore(Table episodes) {
    stats = new CorpusStatistics();
    folded = null;
    Table quarantine = tables.derived().quarantine();
    quarantine.refresh();
    Snapshot last = quarantine.currentSnapshot();
    String from = last == null ? null : last.summary().get(CuratedTables.DERIVED_FROM_SUMMARY_KEY);
    if (from == null) {
      return;
    }
    long snapshotId = Long.parseLong(from);
    if (episodes.snapshot(snapshotId) == null) {
      LOG.warn(
          "derived tables were built from episodes snapshot {}, which has expired; rebuilding"
              + " site and cluster statistics from the whole table (quarantine rows may repeat)",
          snapshotId);
      return;
    }
    for (EpisodeFacts f : read(IcebergGenerics.read(episodes).useSnapshot(snapshotId))) {
      stats.add(f);
    }
    folded = snapshotId;
  }

  private static List<EpisodeFacts> read(IcebergGenerics.ScanBuilder scan) {
    List<EpisodeFacts> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = scan.select(COLUMNS).build()) {
      for (Record r : rows) {
        out.add(facts(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading episodes for the statistics failed", e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static EpisodeFacts facts(Record r) {
    Double duration = (Double) r.getField("duration_s");
    Integer samples = (Integer) r.getField("sample_count");
    List<Float> features = (List<Float>) r.getField("diversity_features");
    float[] vector = null;
    if (features != null) {
      vector = new float[features.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = features.get(i);
      }
    }
    List<String> reasons = (List<String>) r.getField("reasons");
    OffsetDateTime curated = (OffsetDateTime) r.getField("curated_at");
    return new EpisodeFacts(
        (String) r.getField("episode_id"),
        (String) r.getField("site_id"),
        (String) r.getField("status"),
        (String) r.getField("task"),
        duration == null ? 0 : duration,
        samples == null ? 0 : samples,
        (Double) r.getField("quality_score"),
        (Double) r.getField("novelty_score"),
        (Integer) r.getField("coverage_cell"),
        vector,
        (String) r.getField("duplicate_kind"),
        (String) r.getField("duplicate_cluster"),
        reasons == null ? List.of() : List.copyOf(reasons),
        curated.toEpochSecond() * 1_000_000L + curated.getNano() / 1_000L);
  }

  private void append(Table table, List<Record> rows, String derivedFrom) {
    AppendFiles append =
        table
            .newAppend()
            .scanManifestsWith(tables.commitWorkers())
            .writeManifestsWith(tables.commitWorkers(), 2);
    writer.write(table, rows).forEach(append::appendFile);
    append.set(CuratedTables.DERIVED_FROM_SUMMARY_KEY, derivedFrom);
    append.commit();
  }

  private void replace(Table table, List<Record> rows) {
    table.refresh();
    OverwriteFiles overwrite =
        table
            .newOverwrite()
            .overwriteByRowFilter(Expressions.alwaysTrue())
            .scanManifestsWith(tables.commitWorkers())
            .writeManifestsWith(tables.commitWorkers(), 2);
    writer.write(table, rows).forEach(overwrite::addFile);
    overwrite.commit();
  }

  private static Record quarantineRow(EpisodeFacts f) {
    GenericRecord r = GenericRecord.create(CuratedTables.QUARANTINE_SCHEMA);
    r.setField("episode_id", f.episodeId());
    r.setField("site_id", f.siteId());
    r.setField("task", f.task());
    r.setField("reasons", f.reasons());
    r.setField("sample_count", f.sampleCount());
    r.setField("quarantined_at", CuratedRows.time(f.curatedAtMicros()));
    return r;
  }

  private static Record corpusRow(CorpusSummary c, Snapshot episodes, OffsetDateTime now) {
    GenericRecord r = GenericRecord.create(CuratedTables.CORPUS_STATS_SCHEMA);
    r.setField("computed_at", now);
    r.setField("episodes_snapshot_id", episodes.snapshotId());
    r.setField("episodes", c.episodes());
    r.setField("accepted", c.accepted());
    r.setField("sites", c.sites());
    r.setField("accepted_hours", c.acceptedHours());
    r.setField("cells_covered", c.cellsCovered());
    r.setField("vendi_score", c.vendiScore());
    return r;
  }

  private static Record siteRow(SiteStats s, OffsetDateTime now) {
    GenericRecord r = GenericRecord.create(CuratedTables.SITE_STATS_SCHEMA);
    r.setField("site_id", s.siteId());
    r.setField("episodes", s.episodes());
    r.setField("accepted", s.accepted());
    r.setField("flagged", s.flagged());
    r.setField("rejected", s.rejected());
    r.setField("duplicates", s.duplicates());
    r.setField("quarantined", s.quarantined());
    r.setField("hours_recorded", s.hoursRecorded());
    r.setField("accepted_hours", s.acceptedHours());
    r.setField("mean_quality", s.meanQuality());
    r.setField("mean_novelty", s.meanNovelty());
    r.setField("cells_covered", s.cellsCovered());
    r.setField("unique_cells", s.uniqueCells());
    r.setField("unique_coverage", s.uniqueCoverage());
    r.setField("vendi_score", s.vendiScore());
    r.setField("updated_at", now);
    return r;
  }

  private static Record clusterRow(DuplicateCluster c, OffsetDateTime now) {
    GenericRecord r = GenericRecord.create(CuratedTables.DUPLICATE_CLUSTERS_SCHEMA);
    r.setField("cluster_id", c.clusterId());
    r.setField("representative_id", c.representativeId());
    r.setField("members", c.memberIds().size());
    r.setField("member_ids", c.memberIds());
    r.setField("updated_at", now);
    return r;
  }
}
