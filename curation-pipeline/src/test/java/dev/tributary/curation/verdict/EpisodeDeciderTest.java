package dev.tributary.curation.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.diversity.DiversityScorer;
import dev.tributary.curation.diversity.NoveltyIndex;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.VerdictStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeDeciderTest {
  private final ExactDuplicateIndex index = new ExactDuplicateIndex();

  private static AssembledEpisode assembled(SyntheticEpisode e, List<String> rejections) {
    return new AssembledEpisode(
        e.episodeId(),
        e.siteId(),
        0,
        0,
        1,
        e.manifest,
        e.chunks,
        e.videos,
        e.commit,
        0,
        rejections);
  }

  @Test
  void aValidNewEpisodeIsAcceptedAndBecomesTheOriginalOfItsKey() {
    EpisodeDecider decider = new EpisodeDecider(index, QualityChecker.none(), scorer());
    SyntheticEpisode a = SyntheticEpisode.builder().seed(1).build();
    SyntheticEpisode copy = SyntheticEpisode.builder().seed(1).build();

    Decision first = decider.decide(assembled(a, List.of()));
    Decision second = decider.decide(assembled(copy, List.of()));

    assertThat(first.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(first.keepsFrames()).isTrue();
    assertThat(second.status()).isEqualTo(VerdictStatus.DUPLICATE);
    assertThat(second.duplicateOf()).isEqualTo(a.episodeId());
    assertThat(second.reasons()).containsExactly("exact_duplicate");
    assertThat(second.keepsFrames()).isFalse();
  }

  @Test
  void anAssemblyProblemRejectsAndDoesNotMakeLaterCopiesDuplicates() {
    EpisodeDecider decider = new EpisodeDecider(index, QualityChecker.none(), scorer());
    SyntheticEpisode bad = SyntheticEpisode.builder().seed(2).build();
    SyntheticEpisode good = SyntheticEpisode.builder().seed(2).build();

    Decision rejected = decider.decide(assembled(bad, List.of("content_hash_mismatch")));
    Decision accepted = decider.decide(assembled(good, List.of()));

    assertThat(rejected.status()).isEqualTo(VerdictStatus.REJECTED);
    assertThat(rejected.reasons()).containsExactly("content_hash_mismatch");
    assertThat(accepted.status()).isEqualTo(VerdictStatus.ACCEPTED);
  }

  @Test
  void qualityFlagsAcceptWithFlagsAndQualityRejectionsReject() {
    SyntheticEpisode a = SyntheticEpisode.builder().seed(3).build();
    SyntheticEpisode b = SyntheticEpisode.builder().seed(4).build();
    EpisodeDecider flagging =
        new EpisodeDecider(
            index, e -> new QualityReport(List.of("idle_stretch"), List.of(), 0.85), scorer());
    EpisodeDecider rejecting =
        new EpisodeDecider(
            index,
            e -> new QualityReport(List.of("idle_stretch"), List.of("no_motion"), 0),
            scorer());

    Decision flagged = flagging.decide(assembled(a, List.of()));
    Decision rejected = rejecting.decide(assembled(b, List.of()));

    assertThat(flagged.status()).isEqualTo(VerdictStatus.ACCEPTED_WITH_FLAGS);
    assertThat(flagged.reasons()).containsExactly("idle_stretch");
    assertThat(flagged.qualityScore()).isEqualTo(0.85);
    assertThat(rejected.status()).isEqualTo(VerdictStatus.REJECTED);
    assertThat(rejected.reasons()).containsExactly("no_motion", "idle_stretch");
  }

  @Test
  void everyDecidedEpisodeIsRememberedSoItsRedeliveryIsSkipped() {
    EpisodeDecider decider = new EpisodeDecider(index, QualityChecker.none(), scorer());
    SyntheticEpisode a = SyntheticEpisode.builder().seed(5).build();

    decider.decide(assembled(a, List.of("site_mismatch:a,b")));

    assertThat(index.isDecided(a.episodeId())).isTrue();
  }

  private static DiversityScorer scorer() {
    return new DiversityScorer(0, new NoveltyIndex());
  }
}
