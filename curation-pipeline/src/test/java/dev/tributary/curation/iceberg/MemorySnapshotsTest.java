package dev.tributary.curation.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.state.StateFormatException;
import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.table.LakeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decider's memory saved as a Puffin statistics file of an {@code episodes} snapshot: it loads
 * back identical to what a full scan rebuilds, catches up with later appends, and anything wrong
 * with it means a full scan, never garbage.
 *
 * <p>Over ~300 lines: one test per way a saved memory can be fine or wrong, sharing one corpus
 * fixture and the byte-level comparison.
 */
public class MemorySnapshotsTest {
  @TempDir Path dir;
  private LakeTables tables;
  private Table episodes;
  private DecidedCorpus corpus;

  @BeforeEach
  void open() {
    tables = LakeTables.open(LakeConfig.embedded(dir));
    episodes = tables.episodes();
    corpus = new DecidedCorpus(episodes);
  }

  @AfterEach
  void close() {
    tables.close();
  }

  public static byte[] bytes(CurationMemory memory) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(buffer)) {
      memory.writeTo(out);
      out.end();
    }
    return buffer.toByteArray();
  }

  static CurationMemory read(byte[] bytes) {
    try (StateReader in = new StateReader(new ByteArrayInputStream(bytes), bytes.length)) {
      CurationMemory memory = CurationMemory.readFrom(in);
      in.end();
      return memory;
    }
  }

  /** New takes, trimmed and exact copies of stored ones, and the full take of a stored clip. */
  private List<AssembledEpisode> probes() {
    List<AssembledEpisode> probes = new ArrayList<>();
    for (long seed = 1; seed <= 8; seed++) {
      probes.add(corpus.take("site-" + (seed % 3), seed, 1, 1));
      probes.add(corpus.take("site-" + (seed % 3), seed, 0, 0));
    }
    probes.add(corpus.take("site-1", 500, 0, 0));
    probes.add(corpus.take("site-2", 501, 0, 0));
    return probes;
  }

  /** What each probe is decided as, deciding and recording them in order. */
  private static List<String> decisions(CurationMemory memory, List<AssembledEpisode> probes) {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    List<String> out = new ArrayList<>();
    for (AssembledEpisode e : probes) {
      var d = decider.decide(e, memory);
      memory.record(d.remember());
      Decision x = d.decision();
      out.add(
          x.status()
              + " "
              + x.reasons()
              + " of "
              + x.duplicateOf()
              + " cluster "
              + x.signals().duplicateCluster()
              + " novelty "
              + x.signals().novelty());
    }
    return out;
  }

  @Test
  void aSavedMemoryLoadsBackIdenticalToTheFullScanAndDecidesTheSame() {
    corpus.appendBatch(1, 12);
    corpus.appendBatch(13, 12);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
    assertThat(full.memory().near().size()).isGreaterThan(30);

    MemorySnapshots.Saved saved = MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
    Optional<MemorySnapshots.Loaded> loaded = MemorySnapshots.load(episodes);

    assertThat(loaded).isPresent();
    assertThat(loaded.get().snapshotId()).isEqualTo(full.snapshotId());
    assertThat(loaded.get().bytes()).isEqualTo(saved.bytes());
    assertThat(episodes.statisticsFiles())
        .extracting(StatisticsFile::snapshotId)
        .containsExactly(full.snapshotId());
    // every array, clusters and reservoirs included, in the same order
    assertThat(bytes(loaded.get().memory())).isEqualTo(bytes(full.memory()));
    List<AssembledEpisode> probes = probes();
    List<String> expected = decisions(full.memory(), probes);
    assertThat(expected).anyMatch(s -> s.startsWith("DUPLICATE [exact_duplicate]"));
    assertThat(expected).anyMatch(s -> s.contains("near_duplicate"));
    assertThat(decisions(loaded.get().memory(), probes)).isEqualTo(expected);
    assertThat(bytes(loaded.get().memory())).isEqualTo(bytes(full.memory()));
  }

  @Test
  void theRebuiltAndTheLoadedIndexKnowEachEpisodesSiteAsTheDeciderDid() {
    corpus.appendBatch(1, 12);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
    Optional<MemorySnapshots.Loaded> loaded = MemorySnapshots.load(episodes);

    assertThat(loaded).isPresent();
    List<String> indexed =
        corpus.decidedIds.stream().filter(id -> corpus.live.near().siteOf(id) != null).toList();
    assertThat(indexed).hasSizeGreaterThan(10);
    for (String id : indexed) {
      String site = corpus.live.near().siteOf(id);
      assertThat(site).startsWith("site-");
      assertThat(full.memory().near().siteOf(id)).isEqualTo(site);
      assertThat(loaded.get().memory().near().siteOf(id)).isEqualTo(site);
    }
  }

  @Test
  void aMemoryCutIntoManyPartsLoadsBackAndACorruptMiddlePartIsRefused() throws Exception {
    corpus.appendBatch(1, 12);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.Saved saved;
    int partBytes = 16 << 10;
    PuffinParts.partBytes = partBytes;
    try {
      saved = MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
    } finally {
      PuffinParts.partBytes = PuffinParts.PART_BYTES;
    }
    int parts = episodes.statisticsFiles().get(0).blobMetadata().size();
    assertThat(parts).isGreaterThan(5);
    assertThat(bytes(MemorySnapshots.load(episodes).orElseThrow().memory()))
        .isEqualTo(bytes(full.memory()));

    Path file = local(saved.path());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = 4 + (long) (parts / 2) * partBytes + 100; // inside a middle part
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    java.nio.file.Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertThat(MemorySnapshots.load(episodes)).isEmpty();
  }

  @Test
  void aLoadedMemoryCatchesUpWithTheRowsAppendedSince() {
    corpus.appendBatch(1, 12);
    EpisodeIndexLoader.Loaded first = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.save(episodes, first.memory(), first.snapshotId());
    corpus.appendBatch(13, 8);
    corpus.appendBatch(21, 8);

    MemorySnapshots.Loaded loaded = MemorySnapshots.load(episodes).orElseThrow();
    EpisodeIndexLoader.CatchUp c =
        EpisodeIndexLoader.catchUp(episodes, loaded.memory(), loaded.snapshotId());

    assertThat(loaded.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(c.complete()).isTrue();
    assertThat(c.added()).isEqualTo(corpus.live.exact().size() - first.memory().exact().size());
    assertThat(loaded.memory().exact().size()).isEqualTo(corpus.live.exact().size());
    assertThat(loaded.memory().near().size()).isEqualTo(corpus.live.near().size());
    List<AssembledEpisode> probes = probes();
    CurationMemory scanned = EpisodeIndexLoader.load(episodes, Map.of()).memory();
    assertThat(decisions(loaded.memory(), probes)).isEqualTo(decisions(scanned, probes));
  }

  @Test
  void theVerdictsToRepublishComeFromAFilteredScanAsFromTheFullOne() {
    corpus.appendBatch(1, 12);
    Map<Integer, Long> from = Map.of(0, 6L, 1, 11L);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, from);

    List<CurationVerdict> filtered =
        EpisodeIndexLoader.republish(episodes, from, full.snapshotId());

    assertThat(ids(filtered)).isEqualTo(ids(full.republish())).isNotEmpty();
    assertThat(ids(filtered).size()).isLessThan(corpus.live.exact().size());
  }

  private static Set<String> ids(List<CurationVerdict> verdicts) {
    return verdicts.stream().map(v -> v.getEpisodeId() + v.getStatus()).collect(Collectors.toSet());
  }

  @Test
  void aCorruptFileIsNotLoaded() throws Exception {
    corpus.appendBatch(1, 8);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.Saved saved = MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
    Path file = local(saved.path());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x10);
    }
    // the local file system's own checksum would catch it first; S3 has none: ours must
    java.nio.file.Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));

    assertThat(MemorySnapshots.load(episodes)).isEmpty();
  }

  @Test
  void aMissingFileIsNotLoaded() throws Exception {
    corpus.appendBatch(1, 4);
    EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.Saved saved = MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
    java.nio.file.Files.delete(local(saved.path()));

    assertThat(MemorySnapshots.load(episodes)).isEmpty();
  }

  @Test
  void aTruncatedOrRewrittenStreamFailsWithItsReason() {
    corpus.appendBatch(1, 8);
    byte[] good = bytes(EpisodeIndexLoader.load(episodes, Map.of()).memory());

    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
    assertThatThrownBy(() -> read(truncated)).isInstanceOf(StateFormatException.class);

    byte[] newer = good.clone();
    newer[4] = 9; // the memory's layout version, right after its tag
    assertThatThrownBy(() -> read(newer))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("version 9 is unknown");

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x01; // a value, not a length: only the checksum can tell
    assertThatThrownBy(() -> read(flipped)).isInstanceOf(StateFormatException.class);
  }

  @Test
  void aSavedMemoryWhoseSnapshotExpiredIsNotLoaded() {
    corpus.appendBatch(1, 4);
    EpisodeIndexLoader.Loaded first = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.Saved saved =
        MemorySnapshots.save(episodes, first.memory(), first.snapshotId());
    corpus.appendBatch(5, 4);
    corpus.appendBatch(9, 4);

    episodes
        .expireSnapshots()
        .expireOlderThan(System.currentTimeMillis() + 1)
        .retainLast(1)
        .commit();
    episodes.refresh();

    // Iceberg drops the statistics file of an expired snapshot, and deletes it
    assertThat(episodes.statisticsFiles()).isEmpty();
    assertThat(local(saved.path())).doesNotExist();
    assertThat(MemorySnapshots.load(episodes)).isEmpty();
  }

  @Test
  void maintenanceKeepsTheHistoryBackToTheNewestSavedMemory() {
    corpus.appendBatch(1, 4);
    EpisodeIndexLoader.Loaded first = EpisodeIndexLoader.load(episodes, Map.of());
    MemorySnapshots.save(episodes, first.memory(), first.snapshotId());
    corpus.appendBatch(5, 4);
    corpus.appendBatch(9, 4);

    TableMaintenance maintenance =
        new TableMaintenance(
            new TableMaintenanceConfig(
                32L << 20, 8, 128L << 20, 256L << 20, 3, java.time.Duration.ofMillis(1), 1),
            "test");
    maintenance.maintain(tables, dir.resolve("warehouse").toString());
    episodes.refresh();

    assertThat(episodes.snapshot(first.snapshotId())).isNotNull();
    MemorySnapshots.Loaded loaded = MemorySnapshots.load(episodes).orElseThrow();
    assertThat(
            EpisodeIndexLoader.catchUp(episodes, loaded.memory(), loaded.snapshotId()).complete())
        .isTrue();
  }

  @Test
  void aNewSaveKeepsThePreviousOneAndDropsOlderOnes() {
    List<String> paths = new ArrayList<>();
    List<Long> snapshots = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      corpus.appendBatch(1 + 4L * round, 4);
      EpisodeIndexLoader.Loaded l = EpisodeIndexLoader.load(episodes, Map.of());
      paths.add(MemorySnapshots.save(episodes, l.memory(), l.snapshotId()).path());
      snapshots.add(l.snapshotId());
    }
    episodes.refresh();

    assertThat(episodes.statisticsFiles())
        .extracting(StatisticsFile::snapshotId)
        .containsExactlyInAnyOrder(snapshots.get(1), snapshots.get(2));
    assertThat(local(paths.get(0))).doesNotExist();
    assertThat(local(paths.get(1))).exists();
    assertThat(MemorySnapshots.load(episodes).orElseThrow().snapshotId())
        .isEqualTo(snapshots.get(2));
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Paths.get(URI.create(location)) : Paths.get(location);
  }
}
