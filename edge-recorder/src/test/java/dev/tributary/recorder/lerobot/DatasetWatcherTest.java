package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWatcherTest {
  private static final List<String> CAMERAS = List.of("observation.images.top");

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> importedIndexes = new ArrayList<>();

  private DatasetWatcher watcher(Path root, Spool spool, Duration quiet) throws Exception {
    return new DatasetWatcher(
        root, spool, dir.resolve("spool"), "lisbon", "rig", quiet, clock::get);
  }

  private DatasetWatcher.Poll poll(DatasetWatcher watcher) throws Exception {
    DatasetWatcher.Poll poll = watcher.poll();
    poll.imported().forEach(i -> importedIndexes.add(i.episodeIndex()));
    assertThat(poll.failed()).isEmpty();
    return poll;
  }

  private static void truncate(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
  }

  @Test
  void aV3RecordingInProgressIsImportedEpisodeByEpisodeNeverHalfWrittenAndNeverTwice()
      throws Exception {
    DatasetFixture f = new DatasetFixture(dir.resolve("rec"), "v3.0", CAMERAS, 40, 35, 30);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    DatasetWatcher watcher = watcher(f.root, spool, Duration.ZERO);

    assertThat(poll(watcher).waiting()).anyMatch(w -> w.contains("meta/info.json"));
    f.writeInfo();
    assertThat(poll(watcher).imported()).isEmpty();

    // Episode 0 in its own files (lerobot rotates files; each closed file has its footer).
    f.writeV3Data("data/chunk-000/file-000.parquet", 0, 1);
    f.writeV3Video("observation.images.top", "chunk-000/file-000.mp4", 0, 1);
    f.writeV3Meta("meta/episodes/chunk-000/file-000.parquet", 0, 1, 0, 0);
    assertThat(poll(watcher).imported()).hasSize(1);

    // Episode 1: listed in the metadata, but its data parquet is half-written.
    f.writeV3Data("data/chunk-000/file-001.parquet", 1, 2);
    truncate(f.root.resolve("data/chunk-000/file-001.parquet"));
    f.writeV3Video("observation.images.top", "chunk-000/file-001.mp4", 1, 2);
    f.writeV3Meta("meta/episodes/chunk-000/file-001.parquet", 1, 2, 1, 1);
    DatasetWatcher.Poll halfWritten = poll(watcher);
    assertThat(halfWritten.imported()).isEmpty();
    assertThat(halfWritten.waiting()).anyMatch(w -> w.contains("file-001.parquet"));
    f.writeV3Data("data/chunk-000/file-001.parquet", 1, 2);
    assertThat(poll(watcher).imported()).hasSize(1);

    // Episode 2: its metadata file has no footer yet (lerobot keeps the writer open).
    f.writeV3Data("data/chunk-000/file-002.parquet", 2, 3);
    f.writeV3Video("observation.images.top", "chunk-000/file-002.mp4", 2, 3);
    f.writeV3Meta("meta/episodes/chunk-000/file-002.parquet", 2, 3, 2, 2);
    truncate(f.root.resolve("meta/episodes/chunk-000/file-002.parquet"));
    assertThat(poll(watcher).waiting()).anyMatch(w -> w.contains("no Parquet footer yet"));
    f.writeV3Meta("meta/episodes/chunk-000/file-002.parquet", 2, 3, 2, 2);
    assertThat(poll(watcher).imported()).hasSize(1);
    assertThat(poll(watcher).imported()).isEmpty();

    assertThat(importedIndexes).containsExactly(0L, 1L, 2L);
    assertThat(spool.ledgers()).hasSize(3);
    for (var ledger : spool.ledgers()) {
      var episode = spool.read(ledger.episodeId());
      assertThat(episode.commit().getVideoFrameCounts().get("observation.images.top"))
          .isEqualTo(episode.commit().getSampleCount());
    }

    // Restart: a new watcher (and a reopened spool) imports nothing again.
    Spool reopened = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    DatasetWatcher restarted = watcher(f.root, reopened, Duration.ZERO);
    DatasetWatcher.Poll afterRestart = poll(restarted);
    assertThat(afterRestart.imported()).isEmpty();
    assertThat(afterRestart.done()).isEqualTo(3);
    assertThat(reopened.ledgers()).hasSize(3);
    assertThat(Files.readString(restarted.logFile())).contains("\"2\"");
  }

  @Test
  void anEpisodeIsImportedOnlyAfterItsFilesStayedUnchangedForTheQuietPeriod() throws Exception {
    DatasetFixture f = new DatasetFixture(dir.resolve("rec"), "v3.0", CAMERAS, 30).writeAll();
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    DatasetWatcher watcher = watcher(f.root, spool, Duration.ofSeconds(5));

    assertThat(poll(watcher).waiting()).anyMatch(w -> w.contains("quiet period"));
    clock.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(poll(watcher).imported()).isEmpty();
    clock.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(poll(watcher).imported()).hasSize(1);
  }

  @Test
  void aV21RecordingIsImportedOnceEachEpisodesJsonlLineIsComplete() throws Exception {
    DatasetFixture f = new DatasetFixture(dir.resolve("rec"), "v2.1", CAMERAS, 30, 31);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    DatasetWatcher watcher = watcher(f.root, spool, Duration.ZERO);
    f.writeInfo();
    f.writeV21Tasks();
    f.writeV21Episode(0);
    assertThat(poll(watcher).imported()).hasSize(1);

    // Episode 1's parquet and video are there, its jsonl line is only half appended.
    f.writeV21Episode(1);
    Path jsonl = f.root.resolve("meta/episodes.jsonl");
    String whole = Files.readString(jsonl);
    Files.writeString(jsonl, whole.substring(0, whole.length() - 12));
    DatasetWatcher.Poll partial = poll(watcher);
    assertThat(partial.imported()).isEmpty();
    assertThat(partial.waiting()).anyMatch(w -> w.contains("episodes.jsonl line 2"));
    Files.writeString(jsonl, whole);
    assertThat(poll(watcher).imported()).hasSize(1);
    assertThat(importedIndexes).containsExactly(0L, 1L);

    assertThat(poll(watcher(f.root, spool, Duration.ZERO)).imported()).isEmpty();
  }
}
