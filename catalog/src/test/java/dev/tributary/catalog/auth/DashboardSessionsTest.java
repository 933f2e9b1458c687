package dev.tributary.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {
  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-12-06T08:00:00Z");

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

  private final StepClock clock = new StepClock();
  private final TokenStore tokens = new TokenStore(null, Duration.ofHours(1), clock);

  @Test
  void aSessionIsAsGoodAsItsTokenUntilItsLifetimeEnds() {
    DashboardSessions sessions = new DashboardSessions(tokens, Duration.ofHours(12), 10, clock);
    TokenStore.Issued olga = tokens.issue("olga", Role.ORGANIZER);
    DashboardSessions.Opened opened =
        sessions.open(olga.token(), new Principal("olga", Role.ORGANIZER));

    assertThat(opened.id()).hasSizeGreaterThanOrEqualTo(43).doesNotContain(olga.token());
    assertThat(opened.expiresAt()).isEqualTo(clock.now.plus(Duration.ofHours(12)));
    assertThat(sessions.check(opened.id()))
        .isEqualTo(new TokenStore.Check.Valid(new Principal("olga", Role.ORGANIZER)));
    assertThat(sessions.check("not-a-session")).isInstanceOf(TokenStore.Check.Unknown.class);

    clock.now = clock.now.plus(Duration.ofHours(12));
    assertThat(sessions.check(opened.id())).isInstanceOf(TokenStore.Check.Expired.class);
    assertThat(sessions.check(opened.id())).isInstanceOf(TokenStore.Check.Unknown.class);
    assertThat(sessions.size()).isZero();
  }

  @Test
  void revokingTheTokenEndsItsSessionsAndTheirStreamsAndSaysWhy() {
    DashboardSessions sessions = new DashboardSessions(tokens, Duration.ofHours(12), 10, clock);
    TokenStore.Issued olga = tokens.issue("olga", Role.ORGANIZER);
    TokenStore.Issued otto = tokens.issue("otto", Role.ORGANIZER);
    String a = sessions.open(olga.token(), new Principal("olga", Role.ORGANIZER)).id();
    String b = sessions.open(otto.token(), new Principal("otto", Role.ORGANIZER)).id();
    AtomicInteger ended = new AtomicInteger();
    sessions.watch(a, () -> false, ended::incrementAndGet);
    sessions.watch(b, () -> false, ended::incrementAndGet);

    tokens.revoke("olga");

    assertThat(ended).hasValue(1);
    assertThat(sessions.check(a)).isEqualTo(new TokenStore.Check.Revoked("olga"));
    assertThat(sessions.check(a)).as("still says why").isInstanceOf(TokenStore.Check.Revoked.class);
    assertThat(sessions.check(b)).isInstanceOf(TokenStore.Check.Valid.class);
    // A new token under the same name does not revive the old session.
    TokenStore.Issued again = tokens.issue("olga", Role.ORGANIZER);
    assertThat(again.token()).isNotEqualTo(olga.token());
    assertThat(sessions.check(a)).isInstanceOf(TokenStore.Check.Revoked.class);
    // Watching an ended session ends the watcher at once.
    sessions.watch(a, () -> false, ended::incrementAndGet);
    assertThat(ended).hasValue(2);
  }

  @Test
  void signingOutEndsStreamsAndStreamsThatWentAwayAreForgotten() {
    DashboardSessions sessions = new DashboardSessions(tokens, Duration.ofHours(12), 10, clock);
    TokenStore.Issued admin = tokens.issue("ada", Role.ADMIN);
    String id = sessions.open(admin.token(), new Principal("ada", Role.ADMIN)).id();
    AtomicBoolean gone = new AtomicBoolean(false);
    AtomicInteger closedStream = new AtomicInteger();
    AtomicInteger liveStream = new AtomicInteger();
    sessions.watch(id, gone::get, closedStream::incrementAndGet);
    gone.set(true); // the browser went away by itself
    sessions.watch(id, () -> false, liveStream::incrementAndGet); // prunes the gone one

    sessions.close(id);

    assertThat(closedStream).hasValue(0);
    assertThat(liveStream).hasValue(1);
    assertThat(sessions.check(id)).isInstanceOf(TokenStore.Check.Unknown.class);
  }

  @Test
  void sessionsAreBoundedAndTheOldestGoesFirst() {
    DashboardSessions sessions = new DashboardSessions(tokens, Duration.ofHours(12), 3, clock);
    TokenStore.Issued olga = tokens.issue("olga", Role.ORGANIZER);
    Principal who = new Principal("olga", Role.ORGANIZER);
    String first = sessions.open(olga.token(), who).id();
    for (int i = 0; i < 5; i++) {
      clock.now = clock.now.plusSeconds(1);
      sessions.open(olga.token(), who);
    }
    assertThat(sessions.size()).isEqualTo(3);
    assertThat(sessions.check(first)).isInstanceOf(TokenStore.Check.Unknown.class);
  }

  @Test
  void aSessionOpenedWithAnAccessTokenEndsWhenThatExpires() {
    DashboardSessions sessions = new DashboardSessions(tokens, Duration.ofHours(12), 10, clock);
    TokenStore.Issued dana = tokens.issue("dana", Role.DATA_TEAM);
    TokenStore.Issued access = tokens.exchangeClientCredentials("dana", dana.token()).orElseThrow();
    String id = sessions.open(access.token(), new Principal("dana", Role.DATA_TEAM)).id();
    assertThat(sessions.check(id)).isInstanceOf(TokenStore.Check.Valid.class);
    clock.now = clock.now.plus(Duration.ofHours(1));
    assertThat(sessions.check(id)).isInstanceOf(TokenStore.Check.Expired.class);
  }
}
