package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactDuplicateIndexTest {
  @Test
  void aLaterEpisodeWithTheKeyOfAnOriginalIsItsDuplicate() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", "k", ExactDuplicateIndex.Status.ORIGINAL);

    assertThat(index.originalOf("k", "b")).hasValue("a");
    assertThat(index.originalOf("k", "a")).isEmpty();
    assertThat(index.isDecided("a")).isTrue();
    assertThat(index.isDecided("b")).isFalse();
  }

  @Test
  void aRejectedEpisodeIsNotAnOriginalForLaterCopies() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", "k", ExactDuplicateIndex.Status.OTHER);

    assertThat(index.originalOf("k", "b")).isEmpty();
    assertThat(index.isDecided("a")).isTrue();
  }

  @Test
  void theFirstOriginalStaysTheReference() {
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.record("a", "k", ExactDuplicateIndex.Status.ORIGINAL);
    index.record("b", "k", ExactDuplicateIndex.Status.ORIGINAL);

    assertThat(index.originalOf("k", "c")).hasValue("a");
  }
}
