package dev.tributary.catalog.trainingset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetsTest {
  @TempDir Path dir;
  TestLake lake;
  TrainingSets sets;
  SyntheticCorpus corpus;

  /** Episode id -> its duplicate-cluster id (the original's id). */
  final Map<String, String> cluster = new HashMap<>();

  @BeforeEach
  void createLake() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    sets = new TrainingSets(lake.catalog(), lake.config().warehouse());
    corpus = new SyntheticCorpus(lake.catalog());
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  /**
   * Site "big" has 40 pick + 20 place episodes, "mid" 12 pick, "small" 3 pick; plus exact
   * duplicates (same exact_key, both ACCEPTED), marked duplicates, rejected and low-quality ones.
   */
  private void writeKnownCorpus() {
    List<Episode> episodes = new ArrayList<>();
    int seed = 0;
    for (int i = 0; i < 40; i++) {
      episodes.add(Episode.accepted("big", "pick", seed++));
    }
    for (int i = 0; i < 20; i++) {
      episodes.add(Episode.accepted("big", "place", seed++));
    }
    for (int i = 0; i < 12; i++) {
      episodes.add(Episode.accepted("mid", "pick", seed++));
    }
    for (int i = 0; i < 3; i++) {
      episodes.add(Episode.accepted("small", "pick", seed++));
    }
    // exact-duplicate cluster inside "mid": three accepted rows share one exact key
    for (int i = 0; i < 3; i++) {
      Episode e = Episode.accepted("mid", "pick", seed++).exactKey("same-recording");
      episodes.add(e);
      cluster.put(e.episodeId(), "same-recording");
    }
    // marked duplicates of "small" episodes, uploaded at "mid"
    for (int i = 0; i < 3; i++) {
      episodes.add(Episode.accepted("mid", "pick", seed++).duplicateOf(episodes.get(72 + i)));
    }
    episodes.add(Episode.accepted("small", "pick", seed++).status("REJECTED", "camera_frozen"));
    episodes.add(Episode.accepted("small", "pick", seed++).quality(0.01));
    corpus.append(episodes);
  }

  @Test
  void theBuiltSetMeetsSiteAndTaskQuotasAndHoldsOneEpisodePerDuplicateCluster() {
    writeKnownCorpus();
    TrainingSetSpec spec =
        new TrainingSetSpec(
            "balanced", List.of("so101_follower"), null, null, null, null, null, null, 0.3, 30, 50);

    TrainingSet set = sets.build(spec);

    assertThat(set.members()).hasSize(30);
    assertThat(set.episodeIds()).doesNotHaveDuplicates();
    // small holds 3 usable episodes (rejected / low quality / duplicates excluded): all taken;
    // the other 27 split evenly: mid has 13 usable (12 + 1 of the exact cluster) -> 13, big 14
    assertThat(set.perSite())
        .containsEntry("small", 3L)
        .containsEntry("mid", 13L)
        .containsEntry("big", 14L);
    // inside big, tasks are water-filled: 7 pick, 7 place
    assertThat(set.perGroup()).containsEntry("big / pick", 7L).containsEntry("big / place", 7L);
    Set<String> clusters = new HashSet<>();
    for (String id : set.episodeIds()) {
      String c = cluster.get(id);
      if (c != null) {
        assertThat(clusters.add(c)).as("two members of cluster " + c).isTrue();
      }
    }
    assertThat(clusters).containsExactly("same-recording");
    assertThat(set.episodeIds()).doesNotContainAnyElementsOf(markedDuplicatesAndRejects());
  }

  private List<String> markedDuplicatesAndRejects() {
    List<String> out = new ArrayList<>();
    try (var sql = dev.tributary.catalog.sql.CorpusSql.open(lake.catalog())) {
      var rows =
          sql.query(
              "SELECT episode_id FROM episodes WHERE duplicate_of IS NOT NULL"
                  + " OR status = 'REJECTED' OR quality_score < 0.3",
              1000);
      rows.rows().forEach(r -> out.add((String) r.get(0)));
    }
    assertThat(out).hasSize(5);
    return out;
  }

  @Test
  void ofANearDuplicateClusterOnlyItsLatestRepresentativeIsChosen() {
    Episode clip = Episode.accepted("big", "pick", 900);
    Episode longer = Episode.accepted("mid", "pick", 901);
    Episode longest = Episode.accepted("mid", "pick", 903);
    Episode other = Episode.accepted("small", "pick", 902);
    // clip came first; longer, then longest, each superseded the cluster's representative
    corpus.append(
        List.of(clip, longer, longest, other),
        (e, row) -> {
          if (e == longer || e == longest) {
            row.setField("duplicate_kind", "SUPERSEDES");
            row.setField("duplicate_cluster", clip.episodeId());
          }
        });

    TrainingSet set = sets.build(TrainingSetSpec.of("representatives", 10));

    assertThat(set.episodeIds()).contains(longest.episodeId(), other.episodeId());
    assertThat(set.episodeIds()).doesNotContain(clip.episodeId(), longer.episodeId());
  }

  @Test
  void theCapPerSceneAndTaskGroupHoldsWhenTheBudgetAllowsMore() {
    writeKnownCorpus();
    TrainingSet set =
        sets.build(
            new TrainingSetSpec("capped", null, null, null, null, null, null, null, null, 500, 10));
    assertThat(set.perGroup().values()).allMatch(n -> n <= 10);
    assertThat(set.perGroup()).containsEntry("small / pick", 4L).containsEntry("big / pick", 10L);
  }

  @Test
  void rebuildingByNameReturnsTheIdenticalListAfterMoreDataArrived() {
    writeKnownCorpus();
    TrainingSet built = sets.build(TrainingSetSpec.of("pinned", 25));
    List<Episode> more = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      more.add(Episode.accepted("new-site", "pick", 1000 + i));
      more.add(Episode.accepted("small", "pick", 2000 + i));
    }
    corpus.append(more);

    TrainingSet rebuilt =
        new TrainingSets(lake.catalog(), lake.config().warehouse()).rebuild("pinned");

    assertThat(rebuilt.episodeIds()).isEqualTo(built.episodeIds());
    assertThat(rebuilt.episodesSnapshotId()).isEqualTo(built.episodesSnapshotId());
    assertThat(sets.show("pinned").episodeIds()).isEqualTo(built.episodeIds());
    assertThat(sets.show("pinned").spec()).isEqualTo(built.spec());
    // a new build on the same parameters does see the new data
    TrainingSet fresh = sets.build(TrainingSetSpec.of("pinned-later", 25));
    assertThat(fresh.perSite()).containsKey("new-site");
    assertThat(sets.names()).containsExactly("pinned", "pinned-later");
  }

  @Test
  void unknownAndTakenNamesGetOneLineErrors() {
    writeKnownCorpus();
    assertThatThrownBy(() -> sets.show("nope"))
        .isInstanceOf(TrainingSetException.class)
        .hasMessageStartingWith("no training set named 'nope'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> sets.rebuild("nope")).hasMessageStartingWith("no training set named");
    sets.build(TrainingSetSpec.of("once", 5));
    assertThatThrownBy(() -> sets.build(TrainingSetSpec.of("once", 7)))
        .hasMessage("training set 'once' already exists; sets are immutable, choose another name");
    assertThatThrownBy(
            () ->
                sets.build(
                    new TrainingSetSpec(
                        "nothing",
                        null,
                        List.of("fold the towel"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        5,
                        5)))
        .hasMessageContaining("no episode passes the filters");
  }
}
