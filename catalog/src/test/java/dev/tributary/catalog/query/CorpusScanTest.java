package dev.tributary.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusScanTest {

  private static final OffsetDateTime TEN =
      OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC);
  private static final Clock ELEVEN =
      Clock.fixed(Instant.parse("2026-11-21T11:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void countsTopReasonsOverAllOfASitesEpisodesMostFrequentFirst() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      lake.appendEpisodes(
          List.of(
              EpisodeRow.of("site-a", "REJECTED", 10.0, 300).reasons("camera_frozen:front"),
              EpisodeRow.of("site-a", "REJECTED", 10.0, 300)
                  .reasons("camera_frozen:front", "too_short"),
              EpisodeRow.of("site-a", "DUPLICATE", 10.0, 300).reasons("exact_duplicate"),
              EpisodeRow.of("site-a", "REJECTED", 10.0, 300).reasons("camera_frozen:front"),
              EpisodeRow.of("site-b", "ACCEPTED", 10.0, 300)));

      CorpusSnapshot snapshot = new CorpusScan(lake.catalog(), ELEVEN).run();

      assertThat(snapshot.activity().get("site-a").topReasons())
          .containsExactly(
              new ReasonCount("camera_frozen:front", 3),
              new ReasonCount("exact_duplicate", 1),
              new ReasonCount("too_short", 1));
      assertThat(snapshot.activity().get("site-b").topReasons()).isEmpty();
    }
  }

  @Test
  void acceptedHoursCountOnlyAcceptedEpisodesAndDiversityStaysUnknownWithoutNoveltyScores()
      throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      lake.appendEpisodes(
          List.of(
              EpisodeRow.of("site-a", "ACCEPTED", 1800.0, 100),
              EpisodeRow.of("site-a", "ACCEPTED_WITH_FLAGS", 1800.0, 100),
              EpisodeRow.of("site-a", "REJECTED", 3600.0, 100)));

      SiteActivity a = new CorpusScan(lake.catalog(), ELEVEN).run().activity().get("site-a");

      assertThat(a.acceptedHours()).isCloseTo(1.0, within(1e-12));
      assertThat(a.diversity()).isNull();
      assertThat(a.lastCuratedAt()).isEqualTo(TEN.plusSeconds(3605).toString());
    }
  }

  @Test
  void bucketsEpisodesPerCuratedMinuteWithinTheTimelineWindow() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      lake.appendEpisodes(
          List.of(
              EpisodeRow.of("site-a", "ACCEPTED", 30.0, 100).startedAt(TEN),
              EpisodeRow.of("site-a", "REJECTED", 30.0, 100).startedAt(TEN),
              EpisodeRow.of("site-b", "DUPLICATE", 30.0, 100).startedAt(TEN.plusMinutes(2)),
              // curated more than TIMELINE_MINUTES before the scan: not on the chart
              EpisodeRow.of("site-b", "ACCEPTED", 30.0, 100).startedAt(TEN.minusHours(3))));

      CorpusSnapshot snapshot = new CorpusScan(lake.catalog(), ELEVEN).run();

      assertThat(snapshot.timeline())
          .containsExactly(
              new MinuteCount("2026-11-21T10:00:00Z", 1, 0, 1, 0),
              new MinuteCount("2026-11-21T10:02:00Z", 0, 0, 0, 1));
      assertThat(snapshot.sites()).extracting(SiteStats::episodes).containsExactly(2L, 2L);
    }
  }

  @Test
  void listsTheNewestEpisodesOverAllSitesNewestFirst() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      EpisodeRow oldest = EpisodeRow.of("site-a", "ACCEPTED", 30.0, 100).startedAt(TEN);
      EpisodeRow middle =
          EpisodeRow.of("site-b", "ACCEPTED", 30.0, 100).startedAt(TEN.plusMinutes(1));
      EpisodeRow newest =
          EpisodeRow.of("site-a", "REJECTED", 30.0, 100).startedAt(TEN.plusMinutes(2));
      lake.appendEpisodes(List.of(middle, newest, oldest));

      List<EpisodeSummary> recent = new CorpusScan(lake.catalog(), ELEVEN).run().recent();

      assertThat(recent)
          .extracting(EpisodeSummary::episodeId)
          .containsExactly(newest.episodeId(), middle.episodeId(), oldest.episodeId());
      assertThat(recent.get(0).reasons()).containsExactly("reason-of-rejected");
    }
  }

  @Test
  void returnsTheSameSnapshotWhileNothingWasCommittedAndEmptyBeforeTheFirstCommit()
      throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dataDir)) {
      CorpusScan scan = new CorpusScan(lake.catalog(), ELEVEN);
      assertThat(scan.run()).isSameAs(CorpusSnapshot.EMPTY);

      lake.appendEpisodes(List.of(EpisodeRow.of("site-a", "ACCEPTED", 30.0, 100)));
      CorpusSnapshot first = scan.run();

      assertThat(first.snapshotId()).isNotZero();
      assertThat(scan.run()).isSameAs(first);
    }
  }
}
