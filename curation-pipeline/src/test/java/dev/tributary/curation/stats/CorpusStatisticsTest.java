package dev.tributary.curation.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusStatisticsTest {
  private static EpisodeFacts accepted(String id, String site, int cell, double seconds) {
    return new EpisodeFacts(
        id,
        site,
        "ACCEPTED",
        "pick",
        seconds,
        300,
        1.0,
        0.5,
        cell,
        new float[] {1, 0},
        null,
        null,
        List.of(),
        1);
  }

  private static EpisodeFacts other(
      String id, String site, String status, String kind, String cluster, long at) {
    return new EpisodeFacts(
        id, site, status, "pick", 10, 300, null, null, null, null, kind, cluster, List.of(), at);
  }

  @Test
  void uniqueCoverageCountsTheCellsNoOtherSiteFilled() {
    CorpusStatistics stats = new CorpusStatistics();
    stats.add(accepted("a1", "lisbon", 1, 3600));
    stats.add(accepted("a2", "lisbon", 2, 1800));
    stats.add(accepted("b1", "tokyo", 2, 1800));
    stats.add(accepted("b2", "tokyo", 3, 1800));
    stats.add(accepted("b3", "tokyo", 4, 1800));

    SiteStats lisbon = stats.sites().get(0);
    SiteStats tokyo = stats.sites().get(1);
    assertThat(lisbon.siteId()).isEqualTo("lisbon");
    assertThat(lisbon.cellsCovered()).isEqualTo(2);
    assertThat(lisbon.uniqueCells()).isEqualTo(1);
    assertThat(lisbon.uniqueCoverage()).isEqualTo(0.5);
    assertThat(lisbon.acceptedHours()).isEqualTo(1.5);
    assertThat(tokyo.uniqueCells()).isEqualTo(2);
    assertThat(stats.corpus().cellsCovered()).isEqualTo(4);
    assertThat(stats.corpus().sites()).isEqualTo(2);
  }

  @Test
  void statusesAreCountedPerSite() {
    CorpusStatistics stats = new CorpusStatistics();
    stats.add(accepted("a1", "lisbon", 1, 10));
    stats.add(other("a2", "lisbon", "DUPLICATE", "EXACT", "a1", 2));
    stats.add(other("a3", "lisbon", "REJECTED", null, null, 3));
    stats.add(other("a4", "lisbon", "QUARANTINED", null, null, 4));

    SiteStats s = stats.sites().get(0);
    assertThat(s.episodes()).isEqualTo(4);
    assertThat(s.accepted()).isEqualTo(1);
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(s.quarantined()).isEqualTo(1);
    assertThat(s.hoursRecorded()).isEqualTo(40 / 3600.0);
  }

  @Test
  void aLongerTakeThatSupersedesTheClusterBecomesItsRepresentative() {
    CorpusStatistics stats = new CorpusStatistics();
    stats.add(accepted("first", "lisbon", 1, 10));
    stats.add(other("copy", "lisbon", "DUPLICATE", "SUB_CLIP", "first", 2));
    stats.add(other("longer", "tokyo", "ACCEPTED", "SUPERSEDES", "first", 3));
    stats.add(other("copy2", "tokyo", "DUPLICATE", "DUPLICATE", "first", 4));

    DuplicateCluster c = stats.clusters().get(0);
    assertThat(c.clusterId()).isEqualTo("first");
    assertThat(c.representativeId()).isEqualTo("longer");
    assertThat(c.memberIds()).containsExactly("first", "copy", "longer", "copy2");
  }
}
