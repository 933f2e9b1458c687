package dev.tributary.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.status.EpisodeLedger.Part;
import dev.tributary.gateway.validation.JointShape;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpisodeLedgerTest {
  final EpisodeLedger ledger = new EpisodeLedger(3);

  @Test
  void anIdenticalResendIsRecognisedAndADifferentOneIsAConflict() {
    ledger.record("e1", "lisbon", Part.chunk(4), 42);
    assertThat(ledger.isAccepted("e1", Part.chunk(4), 42)).isTrue();
    assertThatCode(() -> ledger.check("e1", "lisbon", Part.chunk(4), 42))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ledger.check("e1", "lisbon", Part.chunk(4), 43))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(409));
    assertThat(ledger.isAccepted("e1", Part.chunk(5), 42)).isFalse();
  }

  @Test
  void anotherSitesTokenIsRefusedForAKnownEpisode() {
    ledger.record("e1", "lisbon", Part.manifest(), 1);
    assertThatThrownBy(() -> ledger.check("e1", "porto", Part.chunk(0), 9))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("episode_of_other_site"));
  }

  @Test
  void progressCountsDistinctParts() {
    ledger.recordManifest("e1", "lisbon", 1, JointShape.shared(6), Set.of("front"));
    ledger.record("e1", "lisbon", Part.chunk(0), 5);
    ledger.record("e1", "lisbon", Part.chunk(0), 5);
    ledger.record("e1", "lisbon", Part.chunk(1), 6);
    ledger.record("e1", "lisbon", Part.video("front"), 7);
    assertThat(ledger.progress("e1"))
        .isEqualTo(new EpisodeLedger.Progress("lisbon", true, 2, 1, false));
    assertThat(ledger.manifest("e1").joints()).isEqualTo(JointShape.shared(6));
  }

  @Test
  void theLeastRecentlyUsedEpisodeIsForgottenBeyondCapacity() {
    for (String id : new String[] {"a", "b", "c", "d"}) {
      ledger.record(id, "lisbon", Part.manifest(), 1);
    }
    assertThat(ledger.size()).isEqualTo(3);
    assertThat(ledger.progress("a")).isNull();
  }

  @Test
  void longEpisodesAreForgottenOldestFirstOnceTheirChunkSlotsExceedTheBound() {
    EpisodeLedger bounded = new EpisodeLedger(1_000, 1_000);
    for (int e = 0; e < 5; e++) {
      for (int s = 0; s < 300; s++) {
        bounded.record("e" + e, "lisbon", Part.chunk(s), s + 1);
      }
    }
    // 300 chunks take 334 slots (grown by half from 64): two such episodes fit, a third does not.
    assertThat(bounded.chunkSlots()).isLessThanOrEqualTo(1_000);
    assertThat(bounded.size()).isEqualTo(2);
    assertThat(bounded.progress("e0")).isNull();
    assertThat(bounded.progress("e2")).isNull();
    assertThat(bounded.isAccepted("e4", Part.chunk(299), 300)).isTrue();
    assertThat(bounded.isAccepted("e3", Part.chunk(0), 1)).isTrue();
  }

  @Test
  void theNewestEpisodeIsKeptEvenWhenItAloneExceedsTheSlotBound() {
    EpisodeLedger bounded = new EpisodeLedger(1_000, 100);
    bounded.record("old", "lisbon", Part.chunk(0), 1);
    for (int s = 0; s < 200; s++) {
      bounded.record("long", "lisbon", Part.chunk(s), s + 1);
    }
    assertThat(bounded.size()).isEqualTo(1);
    assertThat(bounded.isAccepted("long", Part.chunk(199), 200)).isTrue();
    assertThat(bounded.progress("old")).isNull();
  }

  @Test
  void evictionByCountReleasesTheEpisodesSlots() {
    for (String id : new String[] {"a", "b", "c", "d"}) {
      ledger.record(id, "lisbon", Part.chunk(0), 1);
    }
    assertThat(ledger.size()).isEqualTo(3);
    assertThat(ledger.chunkSlots()).isEqualTo(3 * 64);
  }

  @Test
  void aFarOutSequenceFromANearEmptyEpisodeIsNotRemembered() {
    ledger.record("e1", "lisbon", Part.chunk(60_000), 5);
    assertThat(ledger.isAccepted("e1", Part.chunk(60_000), 5)).isFalse();
    for (int s = 0; s < 200; s++) {
      ledger.record("e1", "lisbon", Part.chunk(s), s + 1);
    }
    assertThat(ledger.isAccepted("e1", Part.chunk(199), 200)).isTrue();
  }
}
