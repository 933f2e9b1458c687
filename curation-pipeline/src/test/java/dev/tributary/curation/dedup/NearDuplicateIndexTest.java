package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {
  private static final String SITE = "lisbon";
  private static final double DURATION_S = 12;
  private final NearDuplicateIndex index = new NearDuplicateIndex();
  private SimTakes.Take original;

  @BeforeEach
  void indexTenTakesOfOneSite() {
    for (int seed = 0; seed < 10; seed++) {
      SimTakes.Take take = SimTakes.record(SITE, seed, DURATION_S, 30);
      index.add(take.episodeId(), TrajectorySketch.of(take.trajectory()));
    }
    original = SimTakes.record(SITE, 3, DURATION_S, 30);
  }

  private NearDuplicateMatch onlyMatchOf(Trajectory query) {
    List<NearDuplicateMatch> matches =
        index.findAll(TrajectorySketch.of(query), FrameConfirmation.NONE);
    assertThat(matches).hasSize(1);
    assertThat(matches.get(0).originalEpisodeId()).isEqualTo(original.episodeId());
    return matches.get(0);
  }

  @Test
  void aRenamedReencodedReuploadWithAnotherClockIsADuplicate() {
    NearDuplicateMatch match = onlyMatchOf(Transforms.rename(original.trajectory()).trajectory());

    assertThat(match.kind()).isEqualTo(NearDuplicateMatch.Kind.DUPLICATE);
    assertThat(match.correlation()).isGreaterThan(0.999);
    assertThat(match.offsetS()).isCloseTo(0, within(0.03));
  }

  @Test
  void aCopyTrimmedAtBothEndsIsASubClipAndItsOffsetIsRecovered() {
    Trajectory t = original.trajectory();
    for (long seed = 1; seed <= 5; seed++) {
      Transforms.Edited trimmed = Transforms.trim(t, new SplittableRandom(seed));

      NearDuplicateMatch match = onlyMatchOf(trimmed.trajectory());

      assertThat(match.offsetS()).as(trimmed.log()).isCloseTo(trimmed.trimStartS(), within(0.05));
      assertThat(match.newCoverage()).isGreaterThan(0.9);
    }
  }

  @Test
  void aCopyResampledUpOrDownIsAReplay() {
    for (double rate : new double[] {15, 50, 100}) {
      Trajectory resampled =
          Transforms.resample(original.trajectory(), rate, new SplittableRandom(7)).trajectory();

      assertThat(onlyMatchOf(resampled).kind()).isEqualTo(NearDuplicateMatch.Kind.REPLAY);
    }
  }

  @Test
  void aCopyInRadiansOrInLeRobotsRangeNormalisationIsAReplay() {
    for (long seed = 1; seed <= 4; seed++) {
      Transforms.Edited converted =
          Transforms.unitChange(original.trajectory(), new SplittableRandom(seed));

      NearDuplicateMatch match = onlyMatchOf(converted.trajectory());

      assertThat(match.kind()).as(converted.log()).isEqualTo(NearDuplicateMatch.Kind.REPLAY);
      assertThat(match.correlation()).isGreaterThan(0.999);
    }
  }

  @Test
  void aMatchSaysWhetherItsJointsMapByTheIdentity() {
    Transforms.Edited converted =
        Transforms.unitChange(original.trajectory(), new SplittableRandom(1));
    Trajectory same = Transforms.rename(original.trajectory()).trajectory();

    assertThat(onlyMatchOf(converted.trajectory()).sameUnits()).isFalse();
    assertThat(onlyMatchOf(same).sameUnits()).isTrue();
  }

  @Test
  void aMatchInOtherUnitsMustMeetTheStricterOfTheTwoThresholds() {
    // A new take of the same motion fits a free per-joint slope and offset almost as well as a
    // unit-converted copy does; mapping by the identity is evidence that only same-unit copies
    // have.
    NearDuplicateConfig config = NearDuplicateConfig.defaults().withMinCorrelation(0.997);

    assertThat(config.requiredCorrelation(true)).isEqualTo(0.997);
    assertThat(config.requiredCorrelation(false)).isEqualTo(0.99986);
    assertThat(config.withMinCorrelation(0.9999).requiredCorrelation(false)).isEqualTo(0.9999);
  }

  @Test
  void aConcatenationOfTwoEpisodesMatchesBothAtTheirOffsets() {
    SimTakes.Take second = SimTakes.record(SITE, 6, DURATION_S, 30);
    Trajectory both =
        Transforms.concatenate(original.trajectory(), second.trajectory()).trajectory();

    List<NearDuplicateMatch> matches =
        index.findAll(TrajectorySketch.of(both), FrameConfirmation.NONE);

    assertThat(matches)
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .containsExactlyInAnyOrder(original.episodeId(), second.episodeId());
    assertThat(matches).allMatch(m -> m.kind() == NearDuplicateMatch.Kind.SUB_CLIP);
    NearDuplicateMatch ofSecond =
        matches.stream()
            .filter(m -> m.originalEpisodeId().equals(second.episodeId()))
            .findFirst()
            .get();
    assertThat(ofSecond.offsetS()).isCloseTo(-original.trajectory().durationS(), within(0.1));
  }

  @Test
  void aStretchThatIsAStoredEpisodesOwnNumbersIsNotAlsoAReexpressionOfAnother() {
    // Another take that repeats the original's motion exactly at another object position (every
    // joint a few degrees off, stored as an episode of its own): a per-joint offset fits it to a
    // trimmed copy of the original as well as to the original, but the copy's values are the
    // original's own numbers, so they are not re-expressed values of the other take.
    Trajectory t = original.trajectory();
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int i = 0; i < t.samples(); i++) {
      times[i] = t.timeS(i);
      for (int j = 0; j < t.joints(); j++) {
        values[i][j] = t.value(i, j) + 2 + j;
      }
    }
    index.add("same-motion-other-position", TrajectorySketch.of(new Trajectory(values, times)));
    Transforms.Edited trimmed = Transforms.trim(t, 0.2, 0.25);
    Transforms.Edited trimmedInRadians = Transforms.radians(trimmed.trajectory());

    List<NearDuplicateMatch> ofSameUnits =
        index.findAll(TrajectorySketch.of(trimmed.trajectory()), FrameConfirmation.NONE);
    List<NearDuplicateMatch> ofOtherUnits =
        index.findAll(TrajectorySketch.of(trimmedInRadians.trajectory()), FrameConfirmation.NONE);

    assertThat(ofSameUnits)
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .containsExactly(original.episodeId());
    // In other units nothing tells the two apart: both stay (the rule needs an identity match).
    assertThat(ofOtherUnits)
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .containsExactlyInAnyOrder(original.episodeId(), "same-motion-other-position");
  }

  @Test
  void newTakesOfTheSameTaskAtTheSameSiteAreNotDuplicates() {
    for (int seed = 10; seed < 30; seed++) {
      Trajectory newTake = SimTakes.record(SITE, seed, DURATION_S, 30).trajectory();

      assertThat(index.find(TrajectorySketch.of(newTake))).as("take %d", seed).isEmpty();
    }
  }

  @Test
  void anIndexRebuiltFromStoredSketchesFindsTheSameMatches() {
    NearDuplicateIndex rebuilt = new NearDuplicateIndex();
    for (int seed = 0; seed < 10; seed++) {
      SimTakes.Take take = SimTakes.record(SITE, seed, DURATION_S, 30);
      byte[] stored = TrajectorySketch.of(take.trajectory()).toBytes();
      rebuilt.add(take.episodeId(), TrajectorySketch.fromBytes(stored));
    }
    TrajectorySketch query =
        TrajectorySketch.of(
            Transforms.trim(original.trajectory(), new SplittableRandom(3)).trajectory());

    assertThat(rebuilt.findAll(query, FrameConfirmation.NONE))
        .isEqualTo(index.findAll(query, FrameConfirmation.NONE));
    assertThat(rebuilt.estimatedBytes()).isEqualTo(index.estimatedBytes());
  }

  @Test
  void admittingACopyLinksItToItsOriginalsCluster() {
    Trajectory longer = SimTakes.record(SITE, 40, 16, 30).trajectory();
    index.add("long-original", TrajectorySketch.of(longer));
    Trajectory clip = Transforms.trim(longer, 0.2, 0.1).trajectory();

    NearDuplicateIndex.Admission admission =
        index.admit("clip", TrajectorySketch.of(clip), 0.5, FrameConfirmation.NONE);

    assertThat(admission.best())
        .map(NearDuplicateMatch::originalEpisodeId)
        .contains("long-original");
    assertThat(admission.cluster().representativeId()).isEqualTo("long-original");
    assertThat(index.representativeOf("clip")).contains("long-original");
  }

  @Test
  void aLongerUploadBecomesTheRepresentativeOfTheClusterOfItsClip() {
    Trajectory full = SimTakes.record(SITE, 41, 16, 30).trajectory();
    Trajectory clip = Transforms.trim(full, 0.1, 0.2).trajectory();
    index.add("clip-first", TrajectorySketch.of(clip));

    NearDuplicateIndex.Admission admission =
        index.admit("full-later", TrajectorySketch.of(full), 0, FrameConfirmation.NONE);

    assertThat(admission.cluster().becameRepresentative()).isTrue();
    assertThat(admission.cluster().formerRepresentatives()).containsExactly("clip-first");
    assertThat(index.representativeOf("clip-first")).contains("full-later");
  }

  @Test
  void aFrameConfirmationCanVetoATrajectoryMatch() {
    TrajectorySketch copy = TrajectorySketch.of(original.trajectory());

    assertThat(index.findAll(copy, match -> null)).isEmpty();
    assertThat(index.findAll(copy, FrameConfirmation.NONE)).hasSize(1);
  }

  @Test
  void addingTheSameIdTwiceIsIgnored() {
    long bytes = index.estimatedBytes();

    index.add(original.episodeId(), TrajectorySketch.of(original.trajectory()));

    assertThat(index.size()).isEqualTo(10);
    assertThat(index.estimatedBytes()).isEqualTo(bytes);
  }

  @Test
  void aThirdOfATakeCutFromAnywhereIsFound() {
    Trajectory t = original.trajectory();
    List<String> missed = new java.util.ArrayList<>();
    // Thirds (4 s) starting at 0, 2, 4, 6 and 8 s. The first two hold fewer than three distinct
    // moments (the take opens with a hold and one reach): only two-moment triplets find them.
    for (int k = 0; k <= 4; k++) {
      double head = k / 6.0;
      Transforms.Edited clip = Transforms.trim(t, head, Math.max(0, 1 - head - 1 / 3.0));
      List<NearDuplicateMatch> matches =
          index.findAll(TrajectorySketch.of(clip.trajectory()), FrameConfirmation.NONE);
      boolean found =
          matches.size() == 1
              && matches.get(0).originalEpisodeId().equals(original.episodeId())
              && matches.get(0).kind() == NearDuplicateMatch.Kind.SUB_CLIP
              && Math.abs(matches.get(0).offsetS() - clip.trimStartS()) <= 0.05;
      if (!found) {
        missed.add(clip.log() + ": " + matches);
      }
    }
    // Since issue 16 the default minCorrelation is the benchmark's tuned value (0.9995 in the
    // first round, 0.9985 in the second; 0.99 let new takes of one site through on linear-blend
    // and wipe motion); at 0.9995 the clip at 2 s (head 17 %) correlated just under it and was
    // missed. At most one of five is allowed.
    assertThat(missed).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aLookupReadsAtMostItsBudgetOfPostingsPerQueryHash() {
    NearDuplicateConfig d = NearDuplicateConfig.defaults();
    NearDuplicateConfig oneReadPerHash = d.withMaxPostingsPerHash(254).withMaxReadsPerQueryHash(1);
    NearDuplicateIndex budgeted = new NearDuplicateIndex(oneReadPerHash);
    NearDuplicateIndex unbounded =
        new NearDuplicateIndex(
            d.withMaxPostingsPerHash(254).withMaxReadsPerQueryHash(Integer.MAX_VALUE));
    // A take looked up among 100 uploads of itself: each of its hashes that the take holds has a
    // posting list of 100, more than one read per query hash allows.
    TrajectorySketch sketch = TrajectorySketch.of(original.trajectory());
    for (int copy = 0; copy < 100; copy++) {
      budgeted.add("copy-" + copy, sketch);
      unbounded.add("copy-" + copy, sketch);
    }
    int[] queryHashes = {0};
    LandmarkHashes.forQuery(sketch, false, (h, t) -> queryHashes[0]++);

    budgeted.findAll(sketch, FrameConfirmation.NONE);
    unbounded.findAll(sketch, FrameConfirmation.NONE);

    assertThat(budgeted.postingsRead()).isLessThanOrEqualTo(queryHashes[0]);
    // Unbounded, every one of the take's ~160 postings is read in all 100 uploads.
    assertThat(unbounded.postingsRead()).isGreaterThan(100L * 100);
    assertThat(budgeted.stopWordsSkipped()).isGreaterThan(0);
  }

  @Test
  void anIndexedEpisodeCostsLessThanFourKibibytes() {
    NearDuplicateIndex big = new NearDuplicateIndex();
    for (int seed = 0; seed < 300; seed++) {
      String site = "site-" + seed % 15;
      SimTakes.Take take =
          SimTakes.record(site, seed, SimTakes.durationOf(site), SimTakes.rateOf(site));
      big.add(take.episodeId(), TrajectorySketch.of(take.trajectory()));
    }

    // Postings pages are allocated 64 Ki entries at a time: subtract the fixed start-up cost.
    assertThat((big.estimatedBytes() - 2_000_000) / 300.0).isLessThan(4096);
    assertThat(big.postings() / 300.0)
        .isLessThanOrEqualTo(LandmarkHashes.MAX_POSTINGS + LandmarkHashes.MAX_TWO_MOMENT_POSTINGS);
  }
}
