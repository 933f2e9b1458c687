package dev.tributary.curation.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.curation.testing.SimulatedTakeChunks;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VerdictStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EpisodeDeciderTest {
  private final CurationMemory memory = CurationMemory.empty();

  /** Decides, then records the decision in the memory, as the pipeline does. */
  private Decision decideAndRecord(EpisodeDecider decider, AssembledEpisode e) {
    Decided d = decider.decide(e, memory);
    memory.record(d.remember());
    return d.decision();
  }

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
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode a = SyntheticEpisode.builder().seed(1).build();
    SyntheticEpisode copy = SyntheticEpisode.builder().seed(1).build();

    Decision first = decideAndRecord(decider, assembled(a, List.of()));
    Decision second = decideAndRecord(decider, assembled(copy, List.of()));

    assertThat(first.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(first.keepsFrames()).isTrue();
    assertThat(second.status()).isEqualTo(VerdictStatus.DUPLICATE);
    assertThat(second.duplicateOf()).isEqualTo(a.episodeId());
    assertThat(second.reasons()).containsExactly("exact_duplicate");
    assertThat(second.keepsFrames()).isFalse();
  }

  @Test
  void anAssemblyProblemRejectsAndDoesNotMakeLaterCopiesDuplicates() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode bad = SyntheticEpisode.builder().seed(2).build();
    SyntheticEpisode good = SyntheticEpisode.builder().seed(2).build();

    Decision rejected = decideAndRecord(decider, assembled(bad, List.of("content_hash_mismatch")));
    Decision accepted = decideAndRecord(decider, assembled(good, List.of()));

    assertThat(rejected.status()).isEqualTo(VerdictStatus.REJECTED);
    assertThat(rejected.reasons()).containsExactly("content_hash_mismatch");
    assertThat(accepted.status()).isEqualTo(VerdictStatus.ACCEPTED);
  }

  @Test
  void qualityFlagsAcceptWithFlagsAndQualityRejectionsReject() {
    SyntheticEpisode a = SyntheticEpisode.builder().seed(3).build();
    SyntheticEpisode b = SyntheticEpisode.builder().seed(4).build();
    EpisodeDecider flagging =
        new EpisodeDecider(e -> new QualityReport(List.of("idle_stretch"), List.of(), 0.85));
    EpisodeDecider rejecting =
        new EpisodeDecider(
            e -> new QualityReport(List.of("idle_stretch"), List.of("no_motion"), 0));

    Decision flagged = decideAndRecord(flagging, assembled(a, List.of()));
    Decision rejected = decideAndRecord(rejecting, assembled(b, List.of()));

    assertThat(flagged.status()).isEqualTo(VerdictStatus.ACCEPTED_WITH_FLAGS);
    assertThat(flagged.reasons()).containsExactly("idle_stretch");
    assertThat(flagged.qualityScore()).isEqualTo(0.85);
    assertThat(rejected.status()).isEqualTo(VerdictStatus.REJECTED);
    assertThat(rejected.reasons()).containsExactly("no_motion", "idle_stretch");
  }

  @Test
  void everyDecidedEpisodeIsRememberedSoItsRedeliveryIsSkipped() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode a = SyntheticEpisode.builder().seed(5).build();

    decideAndRecord(decider, assembled(a, List.of("site_mismatch:a,b")));

    assertThat(memory.exact().isDecided(a.episodeId())).isTrue();
  }

  /** A simulated pick-and-place take as a complete episode with the manifest of {@code like}. */
  private static AssembledEpisode simulated(
      SyntheticEpisode like, int seed, int dropFirst, int dropLast) {
    Trajectory t = SimTakes.record("lisbon", seed, 12, 30).trajectory();
    String id = UUID.randomUUID().toString();
    List<JointChunk> chunks = SimulatedTakeChunks.of(t, id, 30, dropFirst, dropLast);
    return new AssembledEpisode(
        id, like.siteId(), 0, 0, 1, like.manifest, chunks, like.videos, like.commit, 0, List.of());
  }

  @Test
  void aTrimmedReUploadIsANearDuplicateOfTheOriginal() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode like = SyntheticEpisode.builder().seed(7).build();
    AssembledEpisode original = simulated(like, 7, 0, 0);

    Decision first = decideAndRecord(decider, original);
    Decision copy = decideAndRecord(decider, simulated(like, 7, 2, 1));

    assertThat(first.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(first.signals().trajectorySketch()).isNotNull();
    assertThat(copy.status()).isEqualTo(VerdictStatus.DUPLICATE);
    assertThat(copy.duplicateOf()).isEqualTo(original.episodeId());
    assertThat(copy.reasons()).containsExactly("near_duplicate:sub_clip");
    assertThat(copy.signals().duplicateKind()).isEqualTo("SUB_CLIP");
    assertThat(copy.signals().novelty()).isZero();
  }

  @Test
  void aLongerTakeOfAStoredClipIsAcceptedAndSupersedesIt() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode like = SyntheticEpisode.builder().seed(8).build();
    AssembledEpisode clip = simulated(like, 8, 3, 2);
    AssembledEpisode full = simulated(like, 8, 0, 0);

    Decision first = decideAndRecord(decider, clip);
    Decision longer = decideAndRecord(decider, full);

    assertThat(first.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(longer.status()).isEqualTo(VerdictStatus.ACCEPTED_WITH_FLAGS);
    assertThat(longer.reasons()).containsExactly("supersedes:" + clip.episodeId());
    assertThat(longer.signals().duplicateKind()).isEqualTo("SUPERSEDES");
    assertThat(memory.near().representativeOf(clip.episodeId())).hasValue(full.episodeId());
  }

  @Test
  void differentTakesAreNotNearDuplicatesAndScoreNovelty() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    Decision a =
        decideAndRecord(
            decider,
            assembled(SyntheticEpisode.builder().seed(20).samples(900).build(), List.of()));
    Decision b =
        decideAndRecord(
            decider,
            assembled(SyntheticEpisode.builder().seed(21).samples(900).build(), List.of()));

    assertThat(a.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(b.status()).isEqualTo(VerdictStatus.ACCEPTED);
    assertThat(a.signals().novelty()).isEqualTo(1.0); // first of its robot and task
    assertThat(b.signals().novelty()).isBetween(0.0, 1.0);
    assertThat(b.signals().diversityFeatures()).isNotNull();
  }

  @Test
  void anUnavailableVideoStoreDecidesNothingAndLeavesTheMemoryForALaterRetry() {
    boolean[] storeUp = {false};
    QualityChecker videoChecks =
        e -> {
          if (!storeUp[0]) {
            throw VideoStoreUnavailableException.outage("connection refused", "the store", null);
          }
          return new QualityReport(List.of("camera_dark:front"), List.of(), 0.85);
        };
    EpisodeDecider decider = new EpisodeDecider(videoChecks);
    AssembledEpisode e =
        assembled(SyntheticEpisode.builder().seed(30).samples(900).build(), List.of());

    assertThatThrownBy(() -> decideAndRecord(decider, e))
        .isInstanceOf(VideoStoreUnavailableException.class);
    assertThat(memory.exact().isDecided(e.episodeId())).isFalse();
    assertThat(memory.near().size()).isZero();
    assertThat(memory.diversity().indexed()).isZero();

    storeUp[0] = true;
    Decision later = decideAndRecord(decider, e);

    assertThat(later.status()).isEqualTo(VerdictStatus.ACCEPTED_WITH_FLAGS);
    assertThat(later.reasons()).containsExactly("camera_dark:front");
    assertThat(memory.exact().isDecided(e.episodeId())).isTrue();
    assertThat(memory.near().size()).isEqualTo(1);
  }

  @Test
  void decidingChangesNothingUntilTheDecisionIsRecorded() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    AssembledEpisode a =
        assembled(SyntheticEpisode.builder().seed(40).samples(900).build(), List.of());
    AssembledEpisode copy =
        assembled(SyntheticEpisode.builder().seed(40).samples(900).build(), List.of());

    Decided first = decider.decide(a, memory);
    Decided unrecordedCopy = decider.decide(copy, memory);

    assertThat(memory.exact().isDecided(a.episodeId())).isFalse();
    assertThat(memory.near().size()).isZero();
    assertThat(memory.diversity().indexed()).isZero();
    assertThat(unrecordedCopy.decision().status()).isEqualTo(VerdictStatus.ACCEPTED);

    memory.record(first.remember());

    assertThat(decider.decide(copy, memory).decision().status()).isEqualTo(VerdictStatus.DUPLICATE);
    assertThat(memory.near().contains(a.episodeId())).isTrue();
    assertThat(memory.diversity().indexed()).isEqualTo(1);
  }

  @Test
  void whatIsRememberedMatchesWhatTheRowStores() {
    EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
    SyntheticEpisode like = SyntheticEpisode.builder().seed(7).build();
    AssembledEpisode original = simulated(like, 7, 0, 0);
    AssembledEpisode clip = simulated(like, 7, 2, 1);
    AssembledEpisode rejected =
        assembled(SyntheticEpisode.builder().seed(42).build(), List.of("content_hash_mismatch"));

    Decided first = decider.decide(original, memory);
    memory.record(first.remember());
    Decided copy = decider.decide(clip, memory);
    Decided bad = decider.decide(rejected, memory);

    assertThat(first.remember().original()).isTrue();
    assertThat(first.remember().accepted()).isNotNull();
    assertThat(first.remember().near()).isNotNull();
    assertThat(first.remember().clusterId()).isNull();
    assertThat(copy.decision().status()).isEqualTo(VerdictStatus.DUPLICATE);
    assertThat(copy.remember().original()).isFalse();
    assertThat(copy.remember().accepted()).isNull();
    assertThat(copy.remember().clusterId())
        .isEqualTo(copy.decision().signals().duplicateCluster())
        .isEqualTo(original.episodeId());
    assertThat(copy.remember().near().duplicateOf()).containsExactly(original.episodeId());
    assertThat(bad.remember())
        .isEqualTo(
            new MemoryEntry(
                rejected.episodeId(), bad.decision().exactKey(), false, null, null, null));
  }
}
