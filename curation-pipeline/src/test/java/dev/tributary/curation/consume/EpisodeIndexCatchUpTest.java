package dev.tributary.curation.consume;

import static dev.tributary.curation.consume.LoopParts.episode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.testing.SyntheticEpisode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index catch-up after a commit cycle, with two instances' loop parts on one lake. */
class EpisodeIndexCatchUpTest {
  @TempDir Path dir;
  private LoopParts a;
  private LoopParts b;

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static void commit(LoopParts p, int partition, SyntheticEpisode e) {
    p.deliver(partition, e.events());
    p.now += LoopParts.INTERVAL.toMillis();
    p.checkpointer.checkpoint();
  }

  @Test
  void aCatchUpAfterOnlyItsOwnCommitsReadsNoDataFile() throws IOException {
    a = new LoopParts(dir, QualityChecker.none());
    a.assign(0);
    SyntheticEpisode first = episode(1);
    SyntheticEpisode second = episode(2);
    commit(a, 0, first);
    commit(a, 0, second);
    Table episodes = a.tables.episodes();
    episodes.refresh();
    long current = episodes.currentSnapshot().snapshotId();
    // The rows are this instance's own: reading them back could only skip them. With their files
    // gone, a catch-up that read them would fail.
    for (DataFile f : episodes.currentSnapshot().addedDataFiles(episodes.io())) {
      Files.delete(local(f.path().toString()));
    }

    a.indexes.catchUp(a.committer::wrote);

    assertThat(a.indexes.isDecided(first.episodeId())).isTrue();
    assertThat(a.indexes.isDecided(second.episodeId())).isTrue();
    episodes.refresh();
    assertThat(episodes.currentSnapshot().snapshotId()).isEqualTo(current);
  }

  @Test
  void anotherInstancesCommitAmongItsOwnIsCaughtUp() {
    a = new LoopParts(dir, QualityChecker.none());
    b = new LoopParts(dir, QualityChecker.none());
    a.assign(0);
    b.assign(1);
    SyntheticEpisode before = episode(1);
    SyntheticEpisode foreign = episode(2);
    SyntheticEpisode after = episode(3);
    commit(a, 0, before);
    commit(b, 1, foreign);
    commit(a, 0, after);
    assertThat(a.indexes.isDecided(foreign.episodeId())).isFalse();

    a.indexes.catchUp(a.committer::wrote);

    assertThat(a.indexes.isDecided(foreign.episodeId())).isTrue();
    assertThat(a.metrics.caughtUp()).isEqualTo(1);
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }
}
