package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decider's order, a lookup and then the add of the same sketch, reuses the lookup's landmark
 * triplets; an add of a sketch that was not the last one looked up enumerates them itself. Both
 * must index the same postings, so every later lookup finds the same matches.
 */
class NearDuplicateLookupThenAddTest {
  @Test
  void addingTheSketchJustLookedUpIndexesWhatAFreshAddIndexes() {
    List<Trajectory> stream = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(17);
    for (int site = 0; site < 3; site++) {
      for (int seed = 0; seed < 8; seed++) {
        Trajectory t = SimTakes.record("site-" + site, seed, 10, 30).trajectory();
        stream.add(t);
        if (seed % 2 == 0) {
          stream.add(Transforms.trim(t, random).trajectory()); // a copy to be found
        }
      }
    }
    NearDuplicateIndex reusing = new NearDuplicateIndex();
    NearDuplicateIndex fresh = new NearDuplicateIndex();
    int matched = 0;
    for (int i = 0; i < stream.size(); i++) {
      String id = "episode-" + i;
      TrajectorySketch sketch = TrajectorySketch.of(stream.get(i));
      List<NearDuplicateMatch> a = reusing.findAll(sketch, FrameConfirmation.NONE);
      if (i % 3 == 0) {
        // another lookup in between: the add must not take that one's triplets
        reusing.findAll(
            TrajectorySketch.of(stream.get((i + 1) % stream.size())), FrameConfirmation.NONE);
      }
      reusing.add(id, sketch, 0.5, originals(a));

      List<NearDuplicateMatch> b =
          fresh.findAll(TrajectorySketch.of(stream.get(i)), FrameConfirmation.NONE);
      fresh.add(id, TrajectorySketch.of(stream.get(i)), 0.5, originals(b));

      assertThat(a).isEqualTo(b);
      matched += a.isEmpty() ? 0 : 1;
    }
    assertThat(matched).isGreaterThanOrEqualTo(12);
    assertThat(reusing.postings()).isEqualTo(fresh.postings());
    assertThat(reusing.estimatedBytes()).isEqualTo(fresh.estimatedBytes());
  }

  private static List<String> originals(List<NearDuplicateMatch> matches) {
    return matches.stream().map(NearDuplicateMatch::originalEpisodeId).toList();
  }
}
