package dev.tributary.catalog.trainingset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetSelectorTest {

  private static Candidate candidate(String id, String site, String task, double... features) {
    return new Candidate(
        id,
        site,
        "so101_follower",
        task,
        "ACCEPTED",
        List.of(),
        null,
        null,
        0.8,
        Instant.parse("2026-11-21T10:00:00Z"),
        features);
  }

  @Test
  void waterFillingGivesSmallSitesEverythingAndSplitsTheRestEvenly() {
    Map<String, Integer> capacities = new LinkedHashMap<>();
    capacities.put("a", 2);
    capacities.put("b", 100);
    capacities.put("c", 100);
    assertThat(TrainingSetSelector.waterFill(capacities, 42))
        .isEqualTo(Map.of("a", 2, "b", 20, "c", 20));
    Map<String, Integer> uneven = TrainingSetSelector.waterFill(capacities, 43);
    assertThat(uneven.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(43);
    assertThat(uneven.get("b") - uneven.get("c")).isBetween(-1, 1);
    assertThat(TrainingSetSelector.waterFill(capacities, 1000))
        .isEqualTo(Map.of("a", 2, "b", 100, "c", 100));
  }

  @Test
  void farthestFirstSeedsWithTheBestEpisodeThenPicksTheMostDistantOne() {
    List<Candidate> group = new ArrayList<>();
    group.add(candidate("near-seed", "s", "t", 0.1));
    group.add(candidate("far", "s", "t", 10));
    group.add(candidate("middle", "s", "t", 5));
    Candidate seed =
        new Candidate(
            "seed",
            "s",
            "so101_follower",
            "t",
            "ACCEPTED",
            List.of(),
            null,
            null,
            0.99,
            Instant.parse("2026-11-21T10:00:00Z"),
            new double[] {0});
    group.add(seed);
    double[][] scale = TrainingSetSelector.zScale(group);
    assertThat(TrainingSetSelector.farthestFirst(group, 3, scale))
        .extracting(Candidate::episodeId)
        .containsExactly("seed", "far", "middle");
  }

  @Test
  void theGateAppliesStatusesFlagsQualityAndTimeRange() {
    Candidate ok = candidate("ok", "s", "t", 0);
    Candidate flagged =
        new Candidate(
            "flagged",
            "s",
            "so101_follower",
            "t",
            "ACCEPTED_WITH_FLAGS",
            List.of("camera_dark"),
            null,
            null,
            0.9,
            Instant.parse("2026-11-21T10:00:00Z"),
            new double[] {0});
    Candidate lowQuality =
        new Candidate(
            "low",
            "s",
            "so101_follower",
            "t",
            "ACCEPTED",
            List.of(),
            null,
            null,
            0.1,
            Instant.parse("2026-11-21T10:00:00Z"),
            new double[] {0});
    Candidate late =
        new Candidate(
            "late",
            "s",
            "so101_follower",
            "t",
            "ACCEPTED",
            List.of(),
            null,
            null,
            0.9,
            Instant.parse("2026-12-01T10:00:00Z"),
            new double[] {0});
    TrainingSetSpec spec =
        new TrainingSetSpec(
            "gate",
            null,
            null,
            null,
            null,
            Instant.parse("2026-11-30T00:00:00Z"),
            null,
            List.of("camera_dark"),
            0.5,
            10,
            50);
    assertThat(TrainingSetSelector.gate(List.of(ok, flagged, lowQuality, late), spec))
        .extracting(Candidate::episodeId)
        .containsExactly("ok");
  }

  @Test
  void badParametersGetOneLineErrors() {
    assertThatThrownBy(() -> TrainingSetSpec.of("Bad Name", 10))
        .isInstanceOf(TrainingSetException.class)
        .hasMessageContaining("is invalid");
    assertThatThrownBy(() -> TrainingSetSpec.of("ok", 0)).hasMessageContaining("at least 1");
    assertThatThrownBy(
            () ->
                new TrainingSetSpec(
                    "x", null, null, null, null, null, List.of("REJECTED"), null, null, 5, 5))
        .hasMessageContaining("cannot be admitted");
  }
}
