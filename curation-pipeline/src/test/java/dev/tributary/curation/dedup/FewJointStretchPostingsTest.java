package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.bench.Transforms;
import dev.tributary.curation.state.StateFormatException;
import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, twentieth round: the few-joint stretch postings live in a store of their own ({@link
 * FewJointStretchPostings}); the saved state carries that store (lookups after a load are the
 * lookups before), and a state of the layout before it is refused (the memory is then rebuilt),
 * never misread.
 */
class FewJointStretchPostingsTest {
  private static final List<String> FOUR = List.of("j0", "j1", "j2", "j3");
  private static final List<String> SIX = List.of("j0", "j1", "j2", "j3", "j4", "j5");

  /** Six 6 s takes of 4 joints at 10 Hz, and three of 6 joints (which store none of them). */
  private static NearDuplicateIndex index() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    for (long k = 0; k < 6; k++) {
      index.add("take-" + k, TrajectorySketch.of(LowRateTrimTest.take(200 + k, 6), FOUR));
    }
    for (long k = 0; k < 3; k++) {
      index.add("six-" + k, TrajectorySketch.of(LowRateTrimTest.take(300 + k, 6, 6), SIX));
    }
    return index;
  }

  private static TrajectorySketch clip(long seed) {
    return TrajectorySketch.of(
        Transforms.trim(LowRateTrimTest.take(seed, 6), 0.15, 1 - 0.15 - 2.05 / 5.9).trajectory(),
        FOUR);
  }

  private static byte[] save(NearDuplicateIndex index) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(buffer)) {
      index.writeTo(out);
    }
    return buffer.toByteArray();
  }

  private static NearDuplicateIndex load(byte[] bytes) {
    try (StateReader in = new StateReader(new ByteArrayInputStream(bytes), bytes.length)) {
      return NearDuplicateIndex.readFrom(in, NearDuplicateConfig.defaults());
    }
  }

  /** What the index answers for the clips of every stored take and of one it does not hold. */
  private static List<String> answers(NearDuplicateIndex index) {
    List<String> out = new ArrayList<>();
    for (long seed = 200; seed < 206; seed++) {
      TrajectorySketch sketch = clip(seed);
      out.add(index.tally(sketch, 1, false).toString());
      out.add(index.findAll(sketch, FrameConfirmation.NONE).toString());
    }
    out.add(index.findAll(clip(299), FrameConfirmation.NONE).toString());
    TrajectorySketch six =
        TrajectorySketch.of(
            Transforms.trim(LowRateTrimTest.take(300, 6, 6), 0.15, 0.5).trajectory(), SIX);
    out.add(index.findAll(six, FrameConfirmation.NONE).toString());
    return out;
  }

  @Test
  void lookupsAfterSaveAndLoadAreTheLookupsBefore() {
    NearDuplicateIndex index = index();
    List<String> before = answers(index);

    NearDuplicateIndex loaded = load(save(index));

    assertThat(loaded.postings()).isEqualTo(index.postings());
    long retries = loaded.oneVoteRetries();
    assertThat(answers(loaded)).isEqualTo(before);
    // The loaded index found clips by their first lookup: its stretch store came back.
    assertThat(loaded.oneVoteRetries() - retries).isLessThan(6);
    assertThat(String.join("\n", before)).contains("take-");
    // And it saves the same bytes again.
    assertThat(save(loaded)).isEqualTo(save(index));
  }

  @Test
  void aStateOfTheLayoutBeforeTheStretchStoreIsRefused() {
    byte[] bytes = save(index());
    assertThat(bytes[4]).isEqualTo((byte) 5); // the layout version, right after the tag
    bytes[4] = 4;

    assertThatThrownBy(() -> load(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("version 5");
  }

  @Test
  void anIndexWithoutFewJointTakesSavesAnEmptyStretchStore() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("six", TrajectorySketch.of(LowRateTrimTest.take(300, 6, 6), SIX));
    NearDuplicateIndex loaded = load(save(index));

    assertThat(loaded.postings()).isEqualTo(index.postings());
    for (String part : List.of("postings", "bucket table")) {
      assertThat(loaded.estimatedBytesByPart().get(part))
          .isEqualTo(index.estimatedBytesByPart().get(part));
    }
    // No second bucket table: the stretch store is not allocated without a few-joint take.
    assertThat(index.estimatedBytesByPart().get("bucket table"))
        .isEqualTo(new NearDuplicateIndex().estimatedBytesByPart().get("bucket table"));
  }

  @Test
  void onlyOffsetsThatPlaceTheQueryInsideTheStoredTakeVote() {
    FewJointStretchPostings store = new FewJointStretchPostings(40);
    TrajectorySketch take = TrajectorySketch.of(LowRateTrimTest.take(200, 6), FOUR);
    store.add(take, 0);
    TrajectorySketch clip = clip(200); // 2.05 s from 0.9 s into the 6 s take
    List<Double> offsets = new ArrayList<>();

    store.vote(clip, 1000, e -> take.coarse().spanS(), (e, offsetS) -> offsets.add(offsetS));
    assertThat(offsets).isNotEmpty();
    assertThat(offsets).allSatisfy(o -> assertThat(o).isBetween(-0.2, 6 - 2.05 + 0.2));

    // The same postings, were the stored take only 2.5 s long: the clip at 0.9 s reaches past it.
    offsets.clear();
    store.vote(clip, 1000, e -> 2.5, (e, offsetS) -> offsets.add(offsetS));
    assertThat(offsets).allSatisfy(o -> assertThat(o).isLessThanOrEqualTo(2.5 + 0.2 - 2.0));
    assertThat(FewJointStretchPostings.inside(0.9, 2.05, 6)).isTrue();
    assertThat(FewJointStretchPostings.inside(0.0, 2.40, 1.79)).isFalse(); // round 15's case
  }
}
