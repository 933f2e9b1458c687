package dev.tributary.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshnessQueryTest {
  @TempDir Path dir;

  @Test
  void freshnessIsMeasuredFromTheRecorderCommitToTheSnapshotThatMadeTheRowVisible()
      throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("data"))) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      new SyntheticCorpus(lake.catalog())
          .append(
              List.of(Episode.accepted("lisbon", "pick", 1), Episode.accepted("lisbon", "pick", 2)),
              (e, row) -> {
                row.setField("edge_committed_at", now.minusSeconds(30));
                row.setField("ingested_at", now.minusSeconds(10));
              });

      FreshnessQuery.Freshness f =
          FreshnessQuery.run(lake.catalog(), System.currentTimeMillis() - 60_000);

      assertThat(f.episodes()).isEqualTo(2);
      assertThat(f.fromEdgeCommit().p50()).isBetween(29.0, 90.0);
      assertThat(f.fromLastReceive().max()).isBetween(9.0, 70.0);
      assertThat(f.fromEdgeCommit().p50() - f.fromLastReceive().p50()).isBetween(19.0, 21.0);
    }
  }

  @Test
  void rowsMadeVisibleBeforeTheWindowAreLeftOut() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("data"))) {
      new SyntheticCorpus(lake.catalog()).append(List.of(Episode.accepted("lisbon", "pick", 1)));

      FreshnessQuery.Freshness f =
          FreshnessQuery.run(lake.catalog(), System.currentTimeMillis() + 60_000);

      assertThat(f.episodes()).isZero();
    }
  }
}
