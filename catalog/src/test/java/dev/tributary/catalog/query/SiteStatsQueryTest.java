package dev.tributary.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteStatsQueryTest {

  @TempDir Path dataDir;

  @Test
  void countsEpisodesHoursVerdictsAndFramesPerSiteSortedByEpisodes() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      lake.appendEpisodes(
          List.of(
              EpisodeRow.of("site-a", "ACCEPTED", 1800.0, 54_000),
              EpisodeRow.of("site-a", "ACCEPTED_WITH_FLAGS", 1800.0, 54_000),
              EpisodeRow.of("site-b", "ACCEPTED", 30.0, 900),
              EpisodeRow.of("site-b", "REJECTED", 12.0, 360),
              EpisodeRow.of("site-b", "DUPLICATE", 30.0, 900)
                  .startedAt(OffsetDateTime.of(2026, 11, 22, 8, 0, 0, 0, ZoneOffset.UTC))));
      lake.appendEpisodes(List.of(EpisodeRow.of("site-c", "ACCEPTED", 3600.0, 108_000)));

      List<SiteStats> stats = new SiteStatsQuery(lake.catalog()).run();

      assertThat(stats).extracting(SiteStats::siteId).containsExactly("site-b", "site-a", "site-c");
      SiteStats b = stats.get(0);
      assertThat(b.episodes()).isEqualTo(3);
      assertThat(b.hours()).isCloseTo(72.0 / 3600, within(1e-12));
      assertThat(b.accepted()).isEqualTo(1);
      assertThat(b.flagged()).isZero();
      assertThat(b.rejected()).isEqualTo(1);
      assertThat(b.duplicates()).isEqualTo(1);
      assertThat(b.frames()).isEqualTo(2160);
      assertThat(stats.get(1)).isEqualTo(new SiteStats("site-a", 2, 1.0, 1, 1, 0, 0, 108_000));
      assertThat(stats.get(2)).isEqualTo(new SiteStats("site-c", 1, 1.0, 1, 0, 0, 0, 108_000));
    }
  }

  @Test
  void seesRowsCommittedAfterTheFirstRunBecauseItRefreshesTheTable() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      SiteStatsQuery query = new SiteStatsQuery(lake.catalog());
      assertThat(query.run()).isEmpty();

      lake.appendEpisodes(List.of(EpisodeRow.of("site-a", "ACCEPTED", 60.0, 1800)));
      assertThat(query.run()).extracting(SiteStats::episodes).containsExactly(1L);

      lake.appendEpisodes(List.of(EpisodeRow.of("site-a", "REJECTED", 60.0, 1800)));
      assertThat(query.run()).extracting(SiteStats::episodes).containsExactly(2L);
    }
  }

  @Test
  void reusesTheLastResultWhileNoNewSnapshotWasCommitted() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      lake.appendEpisodes(List.of(EpisodeRow.of("site-a", "ACCEPTED", 60.0, 1800)));
      SiteStatsQuery query = new SiteStatsQuery(lake.catalog());

      List<SiteStats> first = query.run();

      assertThat(query.run()).isSameAs(first);
      lake.appendEpisodes(List.of(EpisodeRow.of("site-b", "ACCEPTED", 60.0, 1800)));
      assertThat(query.run()).isNotSameAs(first).hasSize(2);
    }
  }

  @Test
  void returnsAnEmptyListWhileThePipelineHasNotCreatedTheTables() throws Exception {
    try (TestLake lake = TestLake.open(dataDir)) {
      assertThat(new SiteStatsQuery(lake.catalog()).run()).isEmpty();
    }
  }
}
