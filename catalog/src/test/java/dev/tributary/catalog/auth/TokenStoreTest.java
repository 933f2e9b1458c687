package dev.tributary.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
  @TempDir Path dir;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void issuedTokensAreKeptOnlyAsHashesAndSurviveARestartWithTheirRevocations() throws Exception {
    Path file = dir.resolve("tokens");
    TokenStore store = new TokenStore(file, Duration.ofHours(1), clock);
    String alice = store.issue("alice", Role.DATA_TEAM).token();
    String olga = store.issue("olga", Role.ORGANIZER).token();
    assertThat(store.revoke("olga")).isTrue();

    String text = Files.readString(file);
    assertThat(text).doesNotContain(alice).doesNotContain(olga).contains(TokenStore.hash(alice));

    TokenStore reopened = new TokenStore(file, Duration.ofHours(1), clock);
    assertThat(reopened.check(alice))
        .isEqualTo(new TokenStore.Check.Valid(new Principal("alice", Role.DATA_TEAM)));
    assertThat(reopened.check(olga)).isEqualTo(new TokenStore.Check.Revoked("olga"));
    assertThat(reopened.check("trb_guess")).isInstanceOf(TokenStore.Check.Unknown.class);
  }

  @Test
  void clientCredentialsGiveAccessTokensThatExpireAndDieWithTheirToken() {
    TokenStore store = new TokenStore(null, Duration.ofMinutes(10), clock);
    String secret = store.issue("spark-job", Role.DATA_TEAM).token();

    assertThat(store.exchangeClientCredentials("someone-else", secret)).isEmpty();
    assertThat(store.exchangeClientCredentials("spark-job", "wrong")).isEmpty();
    String access = store.exchangeClientCredentials("spark-job", secret).orElseThrow().token();
    assertThat(store.check(access)).isInstanceOf(TokenStore.Check.Valid.class);

    now.set(now.get().plus(Duration.ofMinutes(11)));
    assertThat(store.check(access)).isInstanceOf(TokenStore.Check.Expired.class);

    String second = store.exchangeClientCredentials(null, secret).orElseThrow().token();
    store.revoke("spark-job");
    assertThat(store.check(second)).isEqualTo(new TokenStore.Check.Revoked("spark-job"));
    assertThat(store.exchangeClientCredentials("spark-job", secret)).isEmpty();
  }

  @Test
  void namesAreUniqueAmongActiveTokensAndTheConfiguredAdminCannotBeShadowed() {
    TokenStore store = new TokenStore(null, Duration.ofHours(1), clock);
    store.addConfigured(TokenStore.CONFIGURED_ADMIN, Role.ADMIN, "a-very-long-admin-token");
    assertThatThrownBy(() -> store.issue("admin", Role.ADMIN)).hasMessageContaining("exists");
    store.issue("bob", Role.ORGANIZER);
    assertThatThrownBy(() -> store.issue("bob", Role.ORGANIZER)).hasMessageContaining("exists");
    store.revoke("bob");
    assertThat(store.issue("bob", Role.DATA_TEAM).role()).isEqualTo(Role.DATA_TEAM);
    assertThatThrownBy(() -> store.issue("no spaces", Role.ADMIN))
        .hasMessageContaining("must be 1-64");
    assertThatThrownBy(() -> Role.parse("root"))
        .hasMessageContaining("organizer, data-team, admin");
  }
}
