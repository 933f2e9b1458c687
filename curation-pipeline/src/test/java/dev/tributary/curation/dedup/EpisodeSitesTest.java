package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.state.StateFormatException;
import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each indexed episode's site, its site's order, and the saved state that carries them. */
class EpisodeSitesTest {
  private static final List<String> NAMES = List.of("j0", "j1", "j2", "j3");

  /** Takes of sites a, b, a, c, b, a (and one without a site) in that order. */
  private static NearDuplicateIndex index() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    String[] sites = {"a", "b", "a", "c", "b", "a", null};
    for (int k = 0; k < sites.length; k++) {
      index.add(
          "take-" + k,
          TrajectorySketch.of(LowRateTrimTest.take(300 + k, 6), NAMES),
          0,
          List.of(),
          sites[k]);
    }
    return index;
  }

  private static byte[] bytes(NearDuplicateIndex index) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(buffer)) {
      index.writeTo(out);
      out.end();
    }
    return buffer.toByteArray();
  }

  private static NearDuplicateIndex read(byte[] bytes) {
    try (StateReader in = new StateReader(new ByteArrayInputStream(bytes), bytes.length)) {
      NearDuplicateIndex index = NearDuplicateIndex.readFrom(in, NearDuplicateConfig.defaults());
      in.end();
      return index;
    }
  }

  private static void assertChains(NearDuplicateIndex index) {
    assertThat(index.siteOf("take-2")).isEqualTo("a");
    assertThat(index.siteOf("take-6")).isNull();
    assertThat(index.siteOf("absent")).isNull();
    // site a: 0, 2, 5; site b: 1, 4; site c: 3
    assertThat(index.previousOfSite(5)).isEqualTo(2);
    assertThat(index.previousOfSite(2)).isEqualTo(0);
    assertThat(index.previousOfSite(0)).isEqualTo(-1);
    assertThat(index.nextOfSite(0)).isEqualTo(2);
    assertThat(index.nextOfSite(2)).isEqualTo(5);
    assertThat(index.nextOfSite(5)).isEqualTo(-1);
    assertThat(index.nextOfSite(1)).isEqualTo(4);
    assertThat(index.previousOfSite(3)).isEqualTo(-1);
    assertThat(index.nextOfSite(3)).isEqualTo(-1);
    assertThat(index.previousOfSite(6)).isEqualTo(-1);
  }

  @Test
  void eachSitesTakesAreChainedInTheOrderIndexed() {
    assertChains(index());
  }

  @Test
  void aSavedIndexLoadsBackWithItsSites() {
    NearDuplicateIndex index = index();
    byte[] saved = bytes(index);

    NearDuplicateIndex loaded = read(saved);

    assertChains(loaded);
    assertThat(bytes(loaded)).isEqualTo(saved);
    // and it goes on chaining: a new take of site b follows take-4
    loaded.add(
        "take-7", TrajectorySketch.of(LowRateTrimTest.take(400, 6), NAMES), 0, List.of(), "b");
    assertThat(loaded.previousOfSite(7)).isEqualTo(4);
    assertThat(loaded.nextOfSite(4)).isEqualTo(7);
  }

  @Test
  void anIndexSavedBeforeSitesIsRefusedSoItIsRebuilt() {
    byte[] saved = bytes(index());
    saved[4] = 3; // the layout version, right after the tag: 3 saved no sites

    assertThatThrownBy(() -> read(saved))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("version 5");
  }
}
