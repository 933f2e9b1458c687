package dev.tributary.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.status.EpisodeLedger.Part;
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
    ledger.recordManifest("e1", "lisbon", 1, 6, Set.of("front"));
    ledger.record("e1", "lisbon", Part.chunk(0), 5);
    ledger.record("e1", "lisbon", Part.chunk(0), 5);
    ledger.record("e1", "lisbon", Part.chunk(1), 6);
    ledger.record("e1", "lisbon", Part.video("front"), 7);
    assertThat(ledger.progress("e1"))
        .isEqualTo(new EpisodeLedger.Progress("lisbon", true, 2, 1, false));
    assertThat(ledger.manifest("e1").jointCount()).isEqualTo(6);
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
  void aFarOutSequenceFromANearEmptyEpisodeIsNotRemembered() {
    ledger.record("e1", "lisbon", Part.chunk(60_000), 5);
    assertThat(ledger.isAccepted("e1", Part.chunk(60_000), 5)).isFalse();
    for (int s = 0; s < 200; s++) {
      ledger.record("e1", "lisbon", Part.chunk(s), s + 1);
    }
    assertThat(ledger.isAccepted("e1", Part.chunk(199), 200)).isTrue();
  }
}
