package dev.tributary.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.SiteToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SiteRegistryTest {
  /**
   * An in-memory log: offsets are list positions. Like the registry topic's followers, each
   * registry in {@code followers} is fed every record in log order; {@code paused} holds them back
   * (records appended meanwhile are delivered by {@link #deliver}).
   */
  static final class ListLog implements RegistryLog {
    record Record(String key, RegistryEntry entry) {}

    final List<Record> records = new ArrayList<>();
    final List<SiteRegistry> followers = new ArrayList<>();
    boolean paused;
    private int delivered;

    @Override
    public CompletionStage<Long> append(String key, RegistryEntry entry) {
      long offset;
      synchronized (this) {
        records.add(new Record(key, entry));
        offset = records.size() - 1;
      }
      CompletableFuture<Long> done = CompletableFuture.completedFuture(offset);
      if (!paused) {
        // the follower reads a record after its write was acknowledged
        return done.thenApply(
            o -> {
              deliver();
              return o;
            });
      }
      return done;
    }

    private boolean delivering;

    /** Feeds every follower the records not yet delivered, one at a time, in log order. */
    void deliver() {
      synchronized (this) {
        if (delivering) {
          return; // a follower wrote while being fed: the loop below delivers it in order
        }
        delivering = true;
      }
      try {
        while (true) {
          Record next;
          long offset;
          synchronized (this) {
            if (delivered == records.size()) {
              return;
            }
            offset = delivered;
            next = records.get(delivered++);
          }
          for (SiteRegistry follower : followers) {
            follower.apply(next.key(), next.entry(), offset);
          }
        }
      } finally {
        synchronized (this) {
          delivering = false;
        }
      }
    }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ListLog log = new ListLog();
  final MutableClock clock = new MutableClock();
  final SiteRegistry registry = follow(new SiteRegistry(log, clock));

  private SiteRegistry follow(SiteRegistry r) {
    log.followers.add(r);
    return r;
  }

  private String enrolledToken(String siteId) {
    registry.createSite(siteId, "Lisbon", "PT").toCompletableFuture().join();
    String code = registry.issueEnrolmentCode(siteId, null).toCompletableFuture().join().code();
    return registry.enroll(code).toCompletableFuture().join().token();
  }

  @Test
  void anEnrolledTokenAuthenticatesAsItsSite() {
    String token = enrolledToken("lisbon");
    assertThat(registry.authenticate(token)).isEqualTo("lisbon");
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void theLogHoldsOnlyHashesOfCodesAndTokens() {
    registry.createSite("lisbon", "Lisbon", "PT").toCompletableFuture().join();
    String code = registry.issueEnrolmentCode("lisbon", null).toCompletableFuture().join().code();
    String token = registry.enroll(code).toCompletableFuture().join().token();
    String everything = log.records.toString();
    assertThat(everything).doesNotContain(code).doesNotContain(token);
    assertThat(everything).contains(Secrets.sha256Hex(token)).contains(Secrets.sha256Hex(code));
  }

  @Test
  void creatingAnExistingSiteAnswersThatItExisted() {
    assertThat(registry.createSite("lisbon", "L", "PT").toCompletableFuture().join().created())
        .isTrue();
    assertThat(registry.createSite("lisbon", "L", "PT").toCompletableFuture().join().created())
        .isFalse();
    assertThat(log.records).hasSize(1);
  }

  @Test
  void anEnrolmentCodeWorksOnlyOnce() {
    registry.createSite("lisbon", "L", "PT").toCompletableFuture().join();
    String code = registry.issueEnrolmentCode("lisbon", null).toCompletableFuture().join().code();
    registry.enroll(code).toCompletableFuture().join();
    assertThatThrownBy(() -> registry.enroll(code))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("enrolment_code_invalid"));
  }

  @Test
  void anExpiredEnrolmentCodeIsRefused() {
    registry.createSite("lisbon", "L", "PT").toCompletableFuture().join();
    String code =
        registry
            .issueEnrolmentCode("lisbon", Duration.ofMinutes(5))
            .toCompletableFuture()
            .join()
            .code();
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThatThrownBy(() -> registry.enroll(code))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void codesForUnknownSitesAreNotIssued() {
    assertThatThrownBy(() -> registry.issueEnrolmentCode("nowhere", null))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("site_not_found"));
  }

  @Test
  void revokedTokensNoLongerAuthenticate() {
    String first = enrolledToken("lisbon");
    String code = registry.issueEnrolmentCode("lisbon", null).toCompletableFuture().join().code();
    String second = registry.enroll(code).toCompletableFuture().join().token();
    assertThat(registry.revokeTokens("lisbon").toCompletableFuture().join()).isEqualTo(2);
    for (String token : List.of(first, second)) {
      assertThatThrownBy(() -> registry.authenticate(token))
          .isInstanceOfSatisfying(
              Rejection.class, r -> assertThat(r.reason()).isEqualTo("revoked_token"));
    }
    assertThat(registry.revokeTokens("lisbon").toCompletableFuture().join()).isZero();
  }

  @Test
  void unknownAndMissingTokensAreRefusedWithTheirOwnReasons() {
    assertThatThrownBy(() -> registry.authenticate(null))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("missing_token"));
    assertThatThrownBy(() -> registry.authenticate("not-a-token"))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("invalid_token"));
  }

  @Test
  void aReplayedOlderRecordDoesNotUndoANewerOne() {
    String token = enrolledToken("lisbon");
    registry.revokeTokens("lisbon").toCompletableFuture().join();
    // The follower re-reads the log from the start: the unrevoked token record comes again.
    for (int offset = 0; offset < log.records.size(); offset++) {
      ListLog.Record r = log.records.get(offset);
      if (r.entry().getEntry() instanceof SiteToken t && !t.getRevoked()) {
        registry.apply(r.key(), r.entry(), offset);
      }
    }
    assertThatThrownBy(() -> registry.authenticate(token)).isInstanceOf(Rejection.class);
  }

  @Test
  void aSecondRegistryRebuiltFromTheLogKnowsTheSameTokens() {
    String token = enrolledToken("lisbon");
    SiteRegistry replica = new SiteRegistry(log, clock);
    for (int offset = 0; offset < log.records.size(); offset++) {
      replica.apply(log.records.get(offset).key(), log.records.get(offset).entry(), offset);
    }
    assertThat(replica.authenticate(token)).isEqualTo("lisbon");
  }

  @Test
  void aCodeRedeemedAtOnceOnTwoInstancesIssuesOneToken() {
    SiteRegistry other = follow(new SiteRegistry(log, clock));
    registry.createSite("lisbon", "Lisbon", "PT").toCompletableFuture().join();
    String code = registry.issueEnrolmentCode("lisbon", null).toCompletableFuture().join().code();
    // Both instances see the code unused, then claim it before either reads the other's claim.
    log.paused = true;
    CompletableFuture<SiteRegistry.Enrolment> first = registry.enroll(code).toCompletableFuture();
    CompletableFuture<SiteRegistry.Enrolment> second = other.enroll(code).toCompletableFuture();
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    log.paused = false;
    log.deliver();

    assertThat(first).succeedsWithin(java.time.Duration.ofSeconds(5));
    assertThat(second)
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("enrolment_code_invalid"));
    String token = first.join().token();
    assertThat(registry.authenticate(token)).isEqualTo("lisbon");
    assertThat(other.authenticate(token)).isEqualTo("lisbon");
    assertThat(log.records.stream().filter(r -> r.entry().getEntry() instanceof SiteToken))
        .as("one token issued")
        .hasSize(1);
    assertThatThrownBy(() -> other.enroll(code)).isInstanceOf(Rejection.class);
  }

  @Test
  void siteIdsAreRestrictedToSafeCharacters() {
    assertThatThrownBy(() -> registry.createSite("../etc", "x", ""))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("invalid_site_id"));
  }

  @Test
  void theAdminTokenIsCheckedExactly() {
    AdminAuthenticator admin = new AdminAuthenticator("the-admin-secret");
    admin.check("the-admin-secret");
    assertThatThrownBy(() -> admin.check("the-admin-secreT")).isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> admin.check(null))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("missing_admin_token"));
  }
}
