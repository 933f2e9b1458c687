package dev.tributary.catalog.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Dashboard sign-ins: a browser that presented a valid token gets an opaque random session id (a
 * cookie), so the dashboard page and its event stream work without an {@code Authorization} header.
 * Only the SHA-256 hash of each session id is kept, in memory (a restart signs everyone out), with
 * the hash of the token it was opened with: the session is as good as that token and ends when it
 * is revoked or expires, when it is signed out, or after its lifetime. At most {@code max}
 * sessions; a new one beyond that pushes out the oldest. Open event streams of a session can be
 * watched, so they end with it. Thread-safe.
 */
public final class DashboardSessions {
  /** A session just opened: the only time its id exists outside the browser. */
  public record Opened(String id, Principal principal, Instant expiresAt) {}

  /**
   * @param tokenHash null once its token was revoked: the session then grants nothing and only
   *     tells the browser why, until it expires
   */
  private record Session(
      String tokenHash, Principal principal, Instant openedAt, Instant expiresAt) {
    Session revoked() {
      return new Session(null, principal, openedAt, expiresAt);
    }
  }

  private record Watch(BooleanSupplier gone, Runnable end) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenStore tokens;
  private final Duration ttl;
  private final int max;
  private final Clock clock;
  private final Map<String, Session> byHash = new ConcurrentHashMap<>();
  private final Map<String, List<Watch>> watches = new ConcurrentHashMap<>();

  public DashboardSessions(TokenStore tokens, Duration ttl, int max, Clock clock) {
    if (max < 1) {
      throw new IllegalArgumentException("dashboard sessions: max must be at least 1, got " + max);
    }
    this.tokens = tokens;
    this.ttl = ttl;
    this.max = max;
    this.clock = clock;
    tokens.onRevoke(this::endAllOf);
  }

  public Duration ttl() {
    return ttl;
  }

  /** Opens a session for a token the caller has just checked ({@link TokenStore#check}). */
  public synchronized Opened open(String token, Principal principal) {
    Instant now = clock.instant();
    byHash.entrySet().removeIf(e -> !now.isBefore(e.getValue().expiresAt()));
    while (byHash.size() >= max) {
      byHash.entrySet().stream()
          .min(Comparator.comparing(e -> e.getValue().openedAt()))
          .map(Map.Entry::getKey)
          .ifPresent(this::end);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(ttl);
    byHash.put(TokenStore.hash(id), new Session(TokenStore.hash(token), principal, now, expiresAt));
    return new Opened(id, principal, expiresAt);
  }

  /**
   * What the session with this id is now: valid (with its token's principal), or why not: the token
   * was revoked, the session (or the access token it was opened with) expired, or it is unknown
   * (signed out, pushed out, or from before a restart). A session that is no longer valid is
   * dropped.
   */
  public TokenStore.Check check(String id) {
    String hash = TokenStore.hash(id);
    Session session = byHash.get(hash);
    if (session == null) {
      return new TokenStore.Check.Unknown();
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      end(hash);
      return new TokenStore.Check.Expired();
    }
    if (session.tokenHash() == null) {
      return new TokenStore.Check.Revoked(session.principal().name());
    }
    TokenStore.Check token = tokens.checkHash(session.tokenHash());
    if (token instanceof TokenStore.Check.Revoked) {
      revoke(hash);
    } else if (!(token instanceof TokenStore.Check.Valid)) {
      end(hash);
    }
    return token;
  }

  /** When the session with this id expires; null when there is none. */
  public Instant expiresAt(String id) {
    Session session = byHash.get(TokenStore.hash(id));
    return session == null ? null : session.expiresAt();
  }

  /** Signs a session out; its watched streams end. */
  public void close(String id) {
    end(TokenStore.hash(id));
  }

  /**
   * Runs {@code end} when the session ends (signed out, its token revoked, pushed out); forgotten
   * once {@code gone} says the watcher (an event stream) went away by itself.
   */
  public void watch(String id, BooleanSupplier gone, Runnable end) {
    String hash = TokenStore.hash(id);
    List<Watch> list = watches.computeIfAbsent(hash, h -> new ArrayList<>());
    synchronized (list) {
      list.removeIf(w -> w.gone().getAsBoolean());
      list.add(new Watch(gone, end));
    }
    Session session = byHash.get(hash);
    if (session == null || session.tokenHash() == null) {
      endWatches(hash); // ended while we registered
    }
  }

  public int size() {
    return byHash.size();
  }

  private void endAllOf(String name) {
    List<String> ended = new ArrayList<>();
    byHash.forEach(
        (hash, s) -> {
          if (s.principal().name().equals(name)) {
            ended.add(hash);
          }
        });
    ended.forEach(this::revoke);
  }

  /** The session grants nothing from now on; it remains only to say why, until it expires. */
  private void revoke(String hash) {
    byHash.computeIfPresent(hash, (h, s) -> s.revoked());
    endWatches(hash);
  }

  private void end(String hash) {
    byHash.remove(hash);
    endWatches(hash);
  }

  private void endWatches(String hash) {
    List<Watch> list = watches.remove(hash);
    if (list != null) {
      synchronized (list) {
        list.forEach(w -> w.end().run());
      }
    }
  }
}
