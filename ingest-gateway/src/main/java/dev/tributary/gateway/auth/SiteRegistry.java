package dev.tributary.gateway.auth;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.EnrolmentCode;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.Site;
import dev.tributary.schema.SiteToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sites, enrolment codes and site tokens. Every change is first made durable in the {@link
 * RegistryLog} (the compacted registry topic), then applied to this in-memory view; a follower of
 * the topic applies changes made by other gateway instances, so all instances converge within a
 * poll interval. Only SHA-256 hashes of codes and tokens are kept.
 *
 * <p>Entries are versioned by their log offset: an older record replayed by the follower never
 * overwrites a newer local write.
 *
 * <p>An enrolment code is single-use across instances: redeeming writes a claim (the code, used,
 * with the hash of the token it would issue), waits until this instance's follower has read the log
 * up to that claim, and issues the token only when its claim is the code's first in the log. The
 * registry topic has one partition, so every instance sees the same first claim. A gateway that
 * dies between its claim and its token leaves the code used and no token: the organizer issues a
 * new code.
 */
public final class SiteRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(SiteRegistry.class);

  public static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  static final int TOKEN_BYTES = 32;
  static final int CODE_BYTES = 24;
  public static final Duration DEFAULT_CODE_TTL = Duration.ofDays(1);
  public static final Duration MAX_CODE_TTL = Duration.ofDays(30);

  private record Versioned(RegistryEntry entry, long offset) {}

  /** Result of creating a site; {@code created} is false when it already existed. */
  public record SiteCreation(String siteId, boolean created) {}

  /** A freshly issued enrolment code: the only time the plain code exists. */
  public record IssuedCode(String siteId, String code, Instant expiresAt) {}

  /** A freshly issued site token: the only time the plain token exists. */
  public record Enrolment(String siteId, String token) {}

  /** How long a redemption waits for the follower to read its claim back. */
  static final Duration CLAIM_READ_BACK = Duration.ofSeconds(15);

  private record Claim(long offset, String tokenSha256) {}

  private final RegistryLog log;
  private final Clock clock;
  private final Map<String, Versioned> entries = new ConcurrentHashMap<>();
  private final Set<String> codesBeingRedeemed = ConcurrentHashMap.newKeySet();

  /** Per code hash, the first claim seen in the log (lowest offset). */
  private final Map<String, Claim> firstClaims = new ConcurrentHashMap<>();

  private final ConcurrentSkipListMap<Long, List<CompletableFuture<Void>>> readBack =
      new ConcurrentSkipListMap<>();
  private volatile long followedThrough = -1;

  public SiteRegistry(RegistryLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /**
   * Applies a record the follower read from the log, in log order. A null entry is a tombstone.
   *
   * @param offset the record's log offset; older offsets than the one held are ignored
   */
  public void apply(String key, RegistryEntry entry, long offset) {
    applyEntry(key, entry, offset);
    if (offset > followedThrough) {
      followedThrough = offset;
    }
    drainReadBack();
  }

  private void drainReadBack() {
    var ready = readBack.headMap(followedThrough, true);
    while (!ready.isEmpty()) {
      var first = ready.pollFirstEntry();
      if (first != null) {
        first.getValue().forEach(f -> f.complete(null));
      }
    }
  }

  /** Completes once the follower has applied every record up to {@code offset}. */
  private CompletableFuture<Void> readBack(long offset) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    readBack
        .computeIfAbsent(offset, o -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(done);
    drainReadBack();
    return done.orTimeout(CLAIM_READ_BACK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .exceptionally(
            e -> {
              throw Rejection.of(
                  503,
                  "registry_unavailable",
                  "the registry did not confirm the enrolment within "
                      + CLAIM_READ_BACK.toSeconds()
                      + " s (Kafka slow or unreachable): ask an organizer for a new code if a"
                      + " retry says the code is used");
            });
  }

  private void applyEntry(String key, RegistryEntry entry, long offset) {
    if (entry != null
        && entry.getEntry() instanceof EnrolmentCode code
        && code.getUsed()
        && !code.getClaimedByTokenSha256().isEmpty()) {
      firstClaims.merge(
          code.getCodeSha256(),
          new Claim(offset, code.getClaimedByTokenSha256()),
          (held, claim) -> held.offset() <= claim.offset() ? held : claim);
    }
    entries.compute(
        key,
        (k, held) -> {
          if (held != null && held.offset() > offset) {
            return held;
          }
          return entry == null ? null : new Versioned(entry, offset);
        });
  }

  /** Creates a site, or confirms it exists (the same id answers the same way). */
  public CompletionStage<SiteCreation> createSite(
      String siteId, String displayName, String country) {
    if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
      throw Rejection.invalid(
          "invalid_site_id",
          "siteId '"
              + siteId
              + "' is invalid: use 1-63 lower-case letters, digits, '-' or '_', starting with a"
              + " letter or digit");
    }
    if (site(siteId) != null) {
      return CompletableFuture.completedFuture(new SiteCreation(siteId, false));
    }
    Site site =
        Site.newBuilder()
            .setSiteId(siteId)
            .setDisplayName(displayName == null || displayName.isBlank() ? siteId : displayName)
            .setCountry(country == null ? "" : country)
            .setCreatedAtMicros(nowMicros())
            .build();
    return write(siteKey(siteId), new RegistryEntry(site))
        .thenApply(
            offset -> {
              LOG.info("registry: created site {}", siteId);
              return new SiteCreation(siteId, true);
            });
  }

  /** Issues a single-use enrolment code for an existing site. */
  public CompletionStage<IssuedCode> issueEnrolmentCode(String siteId, Duration ttl) {
    requireSite(siteId);
    Duration life = ttl == null ? DEFAULT_CODE_TTL : ttl;
    if (life.isNegative() || life.isZero() || life.compareTo(MAX_CODE_TTL) > 0) {
      throw Rejection.invalid(
          "invalid_ttl",
          "ttlSeconds "
              + life.toSeconds()
              + " is outside 1 .. "
              + MAX_CODE_TTL.toSeconds()
              + " seconds (30 days); omit it for one day");
    }
    String code = Secrets.random(CODE_BYTES);
    String hash = Secrets.sha256Hex(code);
    Instant expiresAt = clock.instant().plus(life);
    EnrolmentCode entry =
        EnrolmentCode.newBuilder()
            .setCodeSha256(hash)
            .setSiteId(siteId)
            .setExpiresAtMicros(toMicros(expiresAt))
            .setUsed(false)
            .build();
    return write(codeKey(hash), new RegistryEntry(entry))
        .thenApply(
            offset -> {
              LOG.info(
                  "registry: issued enrolment code {}.. for site {}, expires {}",
                  hash.substring(0, 8),
                  siteId,
                  expiresAt);
              return new IssuedCode(siteId, code, expiresAt);
            });
  }

  /** Exchanges a valid, unused, unexpired code for a new site token; the code is then used up. */
  public CompletionStage<Enrolment> enroll(String code) {
    if (code == null || code.isBlank() || code.length() > 256) {
      throw Rejection.malformed(
          "missing_code", "send the enrolment code as JSON {\"code\":\"...\"}");
    }
    String codeHash = Secrets.sha256Hex(code);
    EnrolmentCode held = codeEntry(codeHash);
    if (held == null
        || held.getUsed()
        || held.getExpiresAtMicros() <= nowMicros()
        || site(held.getSiteId()) == null) {
      throw invalidCode();
    }
    if (!codesBeingRedeemed.add(codeHash)) {
      throw invalidCode();
    }
    String token = Secrets.random(TOKEN_BYTES);
    String tokenHash = Secrets.sha256Hex(token);
    SiteToken tokenEntry =
        SiteToken.newBuilder()
            .setTokenSha256(tokenHash)
            .setSiteId(held.getSiteId())
            .setIssuedAtMicros(nowMicros())
            .setRevoked(false)
            .build();
    EnrolmentCode claim =
        EnrolmentCode.newBuilder(held).setUsed(true).setClaimedByTokenSha256(tokenHash).build();
    // Claim, read the log back to the claim, and issue the token only if ours came first.
    return write(codeKey(codeHash), new RegistryEntry(claim))
        .thenCompose(offset -> readBack(offset).thenApply(ok -> offset))
        .thenCompose(
            offset -> {
              Claim first = firstClaims.get(codeHash);
              if (first == null || !first.tokenSha256().equals(tokenHash)) {
                LOG.info(
                    "registry: code {}.. was redeemed first elsewhere (claim at offset {} lost)",
                    codeHash.substring(0, 8),
                    offset);
                throw invalidCode();
              }
              return write(tokenKey(tokenHash), new RegistryEntry(tokenEntry));
            })
        .whenComplete((ok, error) -> codesBeingRedeemed.remove(codeHash))
        .thenApply(
            ok -> {
              LOG.info(
                  "registry: site {} enrolled with code {}.., token {}..",
                  held.getSiteId(),
                  codeHash.substring(0, 8),
                  tokenHash.substring(0, 8));
              return new Enrolment(held.getSiteId(), token);
            });
  }

  /** Revokes every live token of a site; answers how many were revoked. */
  public CompletionStage<Integer> revokeTokens(String siteId) {
    requireSite(siteId);
    List<CompletableFuture<Long>> writes = new ArrayList<>();
    for (Map.Entry<String, Versioned> e : entries.entrySet()) {
      if (e.getValue().entry().getEntry() instanceof SiteToken token
          && token.getSiteId().equals(siteId)
          && !token.getRevoked()) {
        SiteToken revoked = SiteToken.newBuilder(token).setRevoked(true).build();
        writes.add(write(e.getKey(), new RegistryEntry(revoked)).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(
            ok -> {
              LOG.info("registry: revoked {} token(s) of site {}", writes.size(), siteId);
              return writes.size();
            });
  }

  /**
   * The site a bearer token belongs to.
   *
   * @throws Rejection 401 when the token is missing, unknown or revoked
   */
  public String authenticate(String bearer) {
    if (bearer == null) {
      throw Rejection.unauthorized(
          "missing_token",
          "send the site token as 'Authorization: Bearer <token>'; get one with POST /v1/enroll");
    }
    String hash = Secrets.sha256Hex(bearer);
    Versioned held = entries.get(tokenKey(hash));
    if (held == null
        || !(held.entry().getEntry() instanceof SiteToken token)
        || !Secrets.constantTimeEqualsHex(token.getTokenSha256(), hash)) {
      throw Rejection.unauthorized(
          "invalid_token",
          "the site token is unknown: enrol again with a new code (POST /v1/enroll)");
    }
    if (token.getRevoked()) {
      throw Rejection.unauthorized(
          "revoked_token",
          "the site token was revoked by an organizer: ask for a new enrolment code");
    }
    return token.getSiteId();
  }

  public Site site(String siteId) {
    Versioned held = entries.get(siteKey(siteId));
    return held != null && held.entry().getEntry() instanceof Site site ? site : null;
  }

  /** Number of sites, codes and tokens known, for metrics. */
  public int size() {
    return entries.size();
  }

  private void requireSite(String siteId) {
    if (siteId == null || site(siteId) == null) {
      throw Rejection.notFound(
          "site_not_found",
          "site '" + siteId + "' does not exist: create it with POST /admin/v1/sites first");
    }
  }

  private EnrolmentCode codeEntry(String codeHash) {
    Versioned held = entries.get(codeKey(codeHash));
    return held != null && held.entry().getEntry() instanceof EnrolmentCode code ? code : null;
  }

  private static Rejection invalidCode() {
    return Rejection.unauthorized(
        "enrolment_code_invalid",
        "the enrolment code is unknown, expired or already used: ask an organizer for a new one");
  }

  private CompletionStage<Long> write(String key, RegistryEntry entry) {
    return log.append(key, entry)
        .thenApply(
            offset -> {
              applyEntry(key, entry, offset);
              return offset;
            });
  }

  private long nowMicros() {
    return toMicros(clock.instant());
  }

  private static long toMicros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static String siteKey(String siteId) {
    return "site:" + siteId;
  }

  static String codeKey(String sha256) {
    return "code:" + sha256;
  }

  static String tokenKey(String sha256) {
    return "token:" + sha256;
  }
}
