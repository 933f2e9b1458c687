package dev.tributary.curation.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableMaintenanceTest {
  private static final String TOPIC = Topics.INGEST.name();
  private static final Set<Integer> PARTITIONS = Set.of(0, 1, 2);
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long DAY0 = 1_700_000_000_000_000L;
  private static final TableMaintenanceConfig CONFIG = TableMaintenanceConfig.defaults();
  // Snapshots written by the test are milliseconds old; expire as if two hours had passed.
  private static final Clock LATER =
      Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);

  @TempDir Path dir;
  private LakeConfig lake;
  private LakeTables tables;
  private final List<List<DataFile>> appendedFiles = new ArrayList<>();
  private final List<Long> appendedSnapshots = new ArrayList<>();

  @BeforeEach
  void open() {
    lake = LakeConfig.embedded(dir);
    tables = LakeTables.open(lake);
  }

  @AfterEach
  void close() {
    tables.close();
  }

  @Test
  void compactionReplacesThirtySmallAppendsByOneFilePerDayWithTheSameRowsAndOffsets()
      throws Exception {
    Table frames = tables.frames();
    thirtyAppends(frames);
    List<Record> rowsBefore = rows(frames);
    Map<Integer, List<Long>> offsetsBefore = offsets(frames);
    Snapshot planned = frames.currentSnapshot();
    assertThat(dataFiles(frames)).hasSize(60);

    CompactionResult result = maintenance("maint-a").compact(frames);

    assertThat(result.outcome()).isEqualTo(CompactionResult.Outcome.COMMITTED);
    assertThat(result.filesRemoved()).isEqualTo(60);
    assertThat(result.filesAdded()).isEqualTo(2);
    assertThat(result.rows()).isEqualTo(rowsBefore.size());
    List<DataFile> after = dataFiles(frames);
    assertThat(after).hasSize(2);
    // the new files keep the planning snapshot's data sequence number (equality deletes committed
    // after planning must still apply to them)
    assertThat(after)
        .extracting(DataFile::dataSequenceNumber)
        .containsOnly(planned.sequenceNumber());
    assertThat(rows(frames)).containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(offsets(frames)).isEqualTo(offsetsBefore);

    Snapshot compaction = frames.currentSnapshot();
    assertThat(compaction.snapshotId()).isEqualTo(result.snapshotId().getAsLong());
    assertThat(compaction.operation()).isEqualTo(DataOperations.REPLACE);
    assertThat(TableMaintenance.isCompaction(compaction)).isTrue();
    assertThat(TableMaintenance.isCompaction(planned)).isFalse();
    assertThat(compaction.summary())
        .containsEntry(TableMaintenance.INSTANCE_SUMMARY_KEY, "maint-a")
        // the idle partition's offsets, last written by snapshot 6 of 30, are copied forward
        .containsAllEntriesOf(TableOffsets.summary(TOPIC, 2, 800, 790))
        .containsAllEntriesOf(TableOffsets.summary(TOPIC, 0, 390, 385));

    assertThat(maintenance("maint-a").compact(frames).outcome())
        .isEqualTo(CompactionResult.Outcome.NOTHING_TO_COMPACT);
  }

  @Test
  void episodeRowsWithListsAndNullsSurviveCompactionUnchanged() throws Exception {
    Table episodes = tables.episodes();
    for (int i = 0; i < 10; i++) {
      append(
          episodes,
          List.of(episode(episodes, "e" + i + "a", i), episode(episodes, "e" + i + "b", -i)),
          TableOffsets.summary(TOPIC, 0, i + 1, i));
    }
    List<Record> before = rows(episodes);

    CompactionResult result = maintenance("maint-a").compact(episodes);

    assertThat(result.outcome()).isEqualTo(CompactionResult.Outcome.COMMITTED);
    assertThat(dataFiles(episodes)).hasSize(1);
    assertThat(rows(episodes)).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void partitionsWithFewerSmallFilesThanTheThresholdAreLeftAlone() {
    Table frames = tables.frames();
    for (int i = 0; i < 7; i++) {
      append(frames, frameRows(frames, i, DAY0), TableOffsets.summary(TOPIC, 0, i + 1, i));
    }
    long current = frames.currentSnapshot().snapshotId();

    assertThat(maintenance("maint-a").compact(frames).outcome())
        .isEqualTo(CompactionResult.Outcome.NOTHING_TO_COMPACT);
    frames.refresh();
    assertThat(frames.currentSnapshot().snapshotId()).isEqualTo(current);
  }

  @Test
  void expiryAfterCompactionKeepsOnlyTheCurrentAndThePinnedSnapshotAndDeletesTheSmallFiles()
      throws Exception {
    Table frames = tables.frames();
    thirtyAppends(frames);
    long pinned = appendedSnapshots.get(9);
    List<Record> rowsBefore = rows(frames);
    List<Record> rowsAtPinned = rows(frames, pinned);
    Map<Integer, List<Long>> offsetsBefore = offsets(frames);
    TableMaintenance maintenance = maintenance("maint-a");
    long compaction = maintenance.compact(frames).snapshotId().getAsLong();
    List<DataFile> compacted = dataFiles(frames);

    ExpiryResult expiry =
        maintenance.expireSnapshots(frames, Duration.ofHours(1), 1, Set.of(pinned));

    assertThat(expiry.outcome()).isEqualTo(ExpiryResult.Outcome.EXPIRED);
    assertThat(expiry.expiredSnapshotIds()).hasSize(29).doesNotContain(pinned, compaction);
    assertThat(snapshotIds(frames)).containsExactlyInAnyOrder(compaction, pinned);
    assertThat(frames.refs()).containsKey(TableMaintenance.PIN_TAG_PREFIX + pinned);
    assertThat(offsets(frames)).isEqualTo(offsetsBefore);
    assertThat(rows(frames)).containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(rows(frames, pinned)).hasSize(100).containsExactlyInAnyOrderElementsOf(rowsAtPinned);
    // files of appends 1-10 are still read by the pinned snapshot; those of 11-30 are gone
    for (int i = 0; i < 30; i++) {
      for (DataFile f : appendedFiles.get(i)) {
        assertThat(Files.exists(local(f))).as("file of append %d", i + 1).isEqualTo(i < 10);
      }
    }
    compacted.forEach(f -> assertThat(local(f)).exists());

    // once no training set pins it any more, the tag goes and the snapshot and its files follow
    maintenance.expireSnapshots(frames, Duration.ofHours(1), 1, Set.of());
    assertThat(frames.refs()).doesNotContainKey(TableMaintenance.PIN_TAG_PREFIX + pinned);
    assertThat(snapshotIds(frames)).containsExactly(compaction);
    appendedFiles.forEach(files -> files.forEach(f -> assertThat(local(f)).doesNotExist()));
    assertThat(rows(frames)).containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(offsets(frames)).isEqualTo(offsetsBefore);
  }

  @Test
  void expiryWithoutCompactionKeepsTheSnapshotHoldingAnIdlePartitionsLatestOffsets() {
    Table frames = tables.frames();
    thirtyAppends(frames);
    Map<Integer, List<Long>> offsetsBefore = offsets(frames);
    // partition 2 was last recorded by append 6: it and everything newer stay; of the older
    // ones, those committed in the same millisecond as append 6 stay too
    long sixth = frames.snapshot(appendedSnapshots.get(5)).timestampMillis();
    List<Long> older =
        appendedSnapshots.subList(0, 5).stream()
            .filter(id -> frames.snapshot(id).timestampMillis() < sixth)
            .toList();

    ExpiryResult expiry =
        maintenance("maint-a").expireSnapshots(frames, Duration.ofHours(1), 1, Set.of());

    assertThat(older).isNotEmpty();
    assertThat(expiry.expiredSnapshotIds()).containsExactlyInAnyOrderElementsOf(older);
    assertThat(offsets(frames)).isEqualTo(offsetsBefore);
  }

  @Test
  void anAppendBetweenPlanningAndCommitIsKeptAndItsNewerOffsetsAreNotShadowed() throws Exception {
    Table frames = tables.frames();
    thirtyAppends(frames);
    List<Record> rowsBefore = rows(frames);
    List<Record> concurrentRows = new ArrayList<>();
    long[] concurrentSnapshot = new long[1];
    TableMaintenance maintenance =
        new TableMaintenance(
            CONFIG,
            "maint-a",
            LATER,
            (table, attempt) -> {
              if (attempt == 1) { // another instance commits partition 0 meanwhile
                Table other = tables.catalog().loadTable(CuratedTables.FRAMES);
                List<Record> rows = frameRows(other, 99, DAY0);
                concurrentRows.addAll(rows);
                append(other, rows, TableOffsets.summary(TOPIC, 0, 5000, 4990));
                concurrentSnapshot[0] = other.currentSnapshot().snapshotId();
              }
            });

    CompactionResult result = maintenance.compact(frames);

    assertThat(result.outcome()).isEqualTo(CompactionResult.Outcome.COMMITTED);
    frames.refresh();
    Snapshot compaction = frames.currentSnapshot();
    assertThat(compaction.parentId()).isEqualTo(concurrentSnapshot[0]);
    assertThat(compaction.summary())
        .containsAllEntriesOf(TableOffsets.summary(TOPIC, 0, 5000, 4990));
    TableOffsets restored = TableOffsets.restore(frames, TOPIC, PARTITIONS);
    assertThat(restored.next(0)).hasValue(5000);
    assertThat(restored.safe(0)).hasValue(4990);
    assertThat(restored.next(2)).hasValue(800);
    List<Record> expected = new ArrayList<>(rowsBefore);
    expected.addAll(concurrentRows);
    assertThat(rows(frames)).containsExactlyInAnyOrderElementsOf(expected);
    // the concurrent file is not part of the rewrite: 2 compacted + 1 new
    assertThat(dataFiles(frames)).hasSize(3);
  }

  @Test
  void aConcurrentCompactionOfTheSameFilesMakesTheRewriteFailCleanly() throws Exception {
    Table frames = tables.frames();
    thirtyAppends(frames);
    List<Record> rowsBefore = rows(frames);
    TableMaintenance maintenance =
        new TableMaintenance(
            CONFIG,
            "maint-a",
            LATER,
            (table, attempt) -> {
              Table other = tables.catalog().loadTable(CuratedTables.FRAMES);
              assertThat(maintenance("maint-b").compact(other).outcome())
                  .isEqualTo(CompactionResult.Outcome.COMMITTED);
            });

    CompactionResult result = maintenance.compact(frames);

    assertThat(result.outcome()).isEqualTo(CompactionResult.Outcome.CONFLICTED);
    assertThat(result.detail()).contains("Missing required files to delete");
    frames.refresh();
    assertThat(frames.currentSnapshot().summary())
        .containsEntry(TableMaintenance.INSTANCE_SUMMARY_KEY, "maint-b");
    assertThat(rows(frames)).containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(filesNamed("maint-a-compacted")).isEmpty(); // its uncommitted files were deleted
    assertThat(filesNamed("maint-b-compacted")).hasSize(2);
    assertThat(maintenance("maint-a").compact(frames).outcome())
        .isEqualTo(CompactionResult.Outcome.NOTHING_TO_COMPACT);
  }

  @Test
  void pinsAreReadFromTheTrainingSetFilesAndAMissingFolderPinsNothing() throws IOException {
    assertThat(TrainingSetPins.read(tables.episodes().io(), lake.warehouse()))
        .contains(TrainingSetPins.none());

    writeTrainingSet("a", "{\"format\":1,\"episodesSnapshotId\":11,\"framesSnapshotId\":12}");
    writeTrainingSet("b", "{\"format\":1,\"episodesSnapshotId\":21,\"framesSnapshotId\":null}");

    TrainingSetPins pins = TrainingSetPins.read(tables.episodes().io(), lake.warehouse()).get();
    assertThat(pins.of(CuratedTables.EPISODES)).containsExactlyInAnyOrder(11L, 21L);
    assertThat(pins.of(CuratedTables.FRAMES)).containsExactly(12L);
    assertThat(pins.of(CuratedTables.QUARANTINE)).isEmpty();
  }

  @Test
  void anUnreadableTrainingSetStopsAllExpiryForTheRoundButNotCompaction() throws IOException {
    Table frames = tables.frames();
    thirtyAppends(frames);
    int snapshots = snapshotIds(frames).size();
    writeTrainingSet("good", "{\"episodesSnapshotId\":1,\"framesSnapshotId\":2}");
    writeTrainingSet("half-written", "{\"episodesSnapshotId\":");

    assertThat(TrainingSetPins.read(frames.io(), lake.warehouse())).isEmpty();
    TableMaintenance.Round round = maintenance("maint-a").maintain(tables, lake.warehouse());

    assertThat(round.framesCompaction().outcome()).isEqualTo(CompactionResult.Outcome.COMMITTED);
    assertThat(round.framesExpiry().outcome()).isEqualTo(ExpiryResult.Outcome.SKIPPED);
    assertThat(round.episodesExpiry().outcome()).isEqualTo(ExpiryResult.Outcome.SKIPPED);
    assertThat(snapshotIds(frames)).hasSize(snapshots + 1);
  }

  @Test
  void aMaintenanceRoundProtectsTheSnapshotATrainingSetPins() throws IOException {
    Table frames = tables.frames();
    thirtyAppends(frames);
    long pinned = appendedSnapshots.get(19);
    writeTrainingSet(
        "pick-place-v1", "{\"episodesSnapshotId\":-1,\"framesSnapshotId\":" + pinned + "}");
    List<Record> rowsAtPinned = rows(frames, pinned);
    TableMaintenanceConfig keepOne =
        new TableMaintenanceConfig(32L << 20, 8, 128L << 20, 256L << 20, 3, Duration.ofHours(1), 1);

    TableMaintenance.Round round =
        new TableMaintenance(keepOne, "maint-a", LATER, TableMaintenance.CommitHook.NONE)
            .maintain(tables, lake.warehouse());

    assertThat(round.framesExpiry().outcome()).isEqualTo(ExpiryResult.Outcome.EXPIRED);
    assertThat(snapshotIds(frames))
        .containsExactlyInAnyOrder(round.framesCompaction().snapshotId().getAsLong(), pinned);
    assertThat(rows(frames, pinned)).containsExactlyInAnyOrderElementsOf(rowsAtPinned);
  }

  @Test
  void aMaintenanceRoundKeepsTheEpisodesHistoryTheDerivedTablesResumeFrom() throws IOException {
    Table episodes = tables.episodes();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      append(
          episodes,
          List.of(episode(episodes, "e" + i, i)),
          TableOffsets.summary(TOPIC, 0, i + 1, i));
      ids.add(episodes.currentSnapshot().snapshotId());
    }
    long folded = ids.get(3);
    long foldedAt = episodes.snapshot(folded).timestampMillis();
    List<Long> older =
        ids.subList(0, 3).stream()
            .filter(id -> episodes.snapshot(id).timestampMillis() < foldedAt)
            .toList();
    Table quarantine = tables.derived().quarantine();
    quarantine
        .newAppend()
        .set(CuratedTables.DERIVED_FROM_SUMMARY_KEY, Long.toString(folded))
        .commit();
    TableMaintenanceConfig keepOne =
        new TableMaintenanceConfig(32L << 20, 8, 128L << 20, 256L << 20, 3, Duration.ofHours(1), 1);

    TableMaintenance.Round round =
        new TableMaintenance(keepOne, "maint-a", LATER, TableMaintenance.CommitHook.NONE)
            .maintain(tables, lake.warehouse());

    assertThat(round.episodesCompaction().outcome()).isEqualTo(CompactionResult.Outcome.COMMITTED);
    assertThat(older).isNotEmpty();
    assertThat(round.episodesExpiry().expiredSnapshotIds())
        .containsExactlyInAnyOrderElementsOf(older);
    // an incremental read from the folded snapshot (what DerivedTablesWriter does) still works
    try (CloseableIterable<Record> fresh =
        IcebergGenerics.read(episodes).appendsBetween(folded, ids.get(9)).build()) {
      assertThat(fresh).hasSize(6);
    }
  }

  @Test
  void invalidThresholdsAreRejectedWithTheFieldName() {
    assertThatThrownBy(
            () ->
                new TableMaintenanceConfig(
                    32L << 20, 1, 128L << 20, 256L << 20, 3, Duration.ofHours(1), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSmallFiles");
  }

  // --- fixtures ---

  private static TableMaintenance maintenance(String instanceId) {
    return new TableMaintenance(CONFIG, instanceId, LATER, TableMaintenance.CommitHook.NONE);
  }

  /**
   * 30 commits of 5 frames on each of two days (two small files each). Instance A owns partitions 0
   * and 1 and records them in every commit; instance B owns partition 2 and committed only twice,
   * early on (commits 4 and 6), so its latest offsets sit deep in the history.
   */
  private void thirtyAppends(Table frames) {
    for (int i = 0; i < 30; i++) {
      List<Record> rows = new ArrayList<>(frameRows(frames, i, DAY0));
      rows.addAll(frameRows(frames, i, DAY0 + DAY_MICROS));
      Map<String, String> summary = new HashMap<>();
      summary.putAll(TableOffsets.summary(TOPIC, 0, 100 + i * 10, 95 + i * 10));
      summary.putAll(TableOffsets.summary(TOPIC, 1, 200 + i, 200 + i));
      if (i == 3) {
        summary.putAll(TableOffsets.summary(TOPIC, 2, 777, 770));
      }
      if (i == 5) {
        summary.putAll(TableOffsets.summary(TOPIC, 2, 800, 790));
      }
      appendedFiles.add(append(frames, rows, summary));
      appendedSnapshots.add(frames.currentSnapshot().snapshotId());
    }
  }

  private static List<DataFile> append(
      Table table, List<Record> rows, Map<String, String> summary) {
    List<DataFile> files = new DataFileWriter("site-a").write(table, rows);
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    summary.forEach(append::set);
    append.commit();
    return files;
  }

  private static List<Record> frameRows(Table frames, int commit, long dayMicros) {
    List<Record> rows = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      GenericRecord r = GenericRecord.create(frames.schema());
      r.setField("episode_id", "ep-" + commit);
      r.setField("site_id", "lisbon");
      r.setField("sample_index", s);
      r.setField("capture_mono_ns", s == 2 ? null : 1_000_000L * s);
      r.setField("capture_time", CuratedRows.time(dayMicros + commit * 1_000_000L + s * 33_000L));
      r.setField("state", List.of(0.1f * s, -1.5f, (float) commit));
      r.setField("action", s % 2 == 0 ? null : List.of(1f, 2f, 3f));
      rows.add(r);
    }
    return rows;
  }

  private static Record episode(Table episodes, String id, int n) {
    GenericRecord r = GenericRecord.create(episodes.schema());
    r.setField("episode_id", id);
    r.setField("site_id", "tokyo");
    r.setField("status", n < 0 ? "REJECTED" : "ACCEPTED");
    r.setField("task", n == 3 ? null : "pick the cube");
    r.setField("started_at", CuratedRows.time(DAY0 + n * 1_000_000L));
    r.setField("curated_at", CuratedRows.time(DAY0 + 60_000_000L));
    r.setField("sample_count", 300 + n);
    r.setField("duration_s", 10.0 / (n + 11));
    r.setField("reasons", n < 0 ? List.of("too_short", "no_motion") : List.of());
    r.setField("frame_hashes", List.of(Long.MAX_VALUE, (long) n));
    return r;
  }

  private static List<Record> rows(Table table) throws IOException {
    table.refresh();
    return rows(table, table.currentSnapshot().snapshotId());
  }

  private static List<Record> rows(Table table, long snapshotId) throws IOException {
    table.refresh();
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it =
        IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      it.forEach(out::add);
    }
    return out;
  }

  private static List<DataFile> dataFiles(Table table) throws IOException {
    table.refresh();
    List<DataFile> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> out.add(t.file()));
    }
    return out;
  }

  /** NEXT and SAFE of every partition, as a restart would read them. */
  private static Map<Integer, List<Long>> offsets(Table table) {
    TableOffsets restored = TableOffsets.restore(table, TOPIC, PARTITIONS);
    Map<Integer, List<Long>> out = new HashMap<>();
    for (int p : PARTITIONS) {
      out.put(p, List.of(restored.next(p).getAsLong(), restored.safe(p).getAsLong()));
    }
    return out;
  }

  private static Set<Long> snapshotIds(Table table) {
    table.refresh();
    Set<Long> ids = new java.util.HashSet<>();
    table.snapshots().forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  private static Path local(DataFile f) {
    return Path.of(URI.create(f.location()));
  }

  private List<Path> filesNamed(String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("warehouse"))) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private void writeTrainingSet(String name, String json) {
    try {
      Path folder = Files.createDirectories(dir.resolve("warehouse/_tributary/training_sets"));
      Files.writeString(folder.resolve(name + ".json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
