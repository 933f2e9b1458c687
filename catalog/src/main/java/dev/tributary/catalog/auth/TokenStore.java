package dev.tributary.catalog.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The catalog's bearer tokens. Only SHA-256 hashes are kept (in memory and in the tokens file), so
 * a leaked file opens nothing. Two kinds: named tokens with a role, issued by an admin and valid
 * until revoked (a revoked token is remembered, so its holder is told it was revoked); and
 * short-lived access tokens issued for OAuth2 client credentials, valid while their named token is.
 * Thread-safe.
 */
public final class TokenStore {
  /** What checking a presented token found. */
  public sealed interface Check {
    record Valid(Principal principal) implements Check {}

    record Revoked(String name) implements Check {}

    record Expired() implements Check {}

    record Unknown() implements Check {}
  }

  /** A named token as listed to admins: never the token itself. */
  public record Entry(String name, Role role, Instant createdAt, boolean revoked) {}

  /** A token just issued: the only time its text exists outside the caller. */
  public record Issued(String name, Role role, String token, long expiresInSeconds) {}

  private record Access(String name, Instant expiresAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
  private final Map<String, Access> accessByHash = new ConcurrentHashMap<>();
  private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();
  private final Path file;
  private final Clock clock;
  private final Duration accessTtl;

  /**
   * @param file where named tokens are kept (read now if it exists); null: memory only
   */
  public TokenStore(Path file, Duration accessTtl, Clock clock) {
    this.file = file;
    this.accessTtl = accessTtl;
    this.clock = clock;
    if (file != null && Files.exists(file)) {
      load(file);
    }
  }

  /**
   * Adds a token that is given, not issued (the bootstrap admin token from config). Not written to
   * the tokens file: it lives as long as the config says.
   */
  public void addConfigured(String name, Role role, String token) {
    byHash.put(hash(token), new Entry(name, role, clock.instant(), false));
  }

  /**
   * A new named token.
   *
   * @throws IllegalArgumentException when the name is taken by a token that is not revoked
   */
  public synchronized Issued issue(String name, Role role) {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException(
          "token name '" + name + "' must be 1-64 letters, digits, '.', '_', '@' or '-'");
    }
    if (list().stream().anyMatch(e -> e.name().equals(name) && !e.revoked())) {
      throw new IllegalArgumentException(
          "a token named '" + name + "' exists: revoke it first or choose another name");
    }
    String token = "trb_" + random();
    byHash.put(hash(token), new Entry(name, role, clock.instant(), false));
    save();
    return new Issued(name, role, token, -1);
  }

  /**
   * Revokes every token with this name, and the access tokens issued for them.
   *
   * @return whether a token with that name was active
   */
  public synchronized boolean revoke(String name) {
    boolean found = false;
    for (Map.Entry<String, Entry> e : byHash.entrySet()) {
      Entry entry = e.getValue();
      if (entry.name().equals(name) && !entry.revoked()) {
        e.setValue(new Entry(entry.name(), entry.role(), entry.createdAt(), true));
        found = true;
      }
    }
    if (found) {
      save();
      revocationListeners.forEach(l -> l.accept(name));
    }
    return found;
  }

  /**
   * Called with a token's name, on the revoking thread, after it was revoked (dashboard sessions
   * signed in with it end at once).
   */
  public void onRevoke(Consumer<String> listener) {
    revocationListeners.add(listener);
  }

  public List<Entry> list() {
    List<Entry> out = new ArrayList<>(byHash.values());
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** What the presented bearer token is. */
  public Check check(String token) {
    return checkHash(hash(token));
  }

  /** What the token with this SHA-256 hash ({@link #hash}) is now: sessions keep only the hash. */
  Check checkHash(String hash) {
    Entry entry = byHash.get(hash);
    if (entry != null) {
      return entry.revoked()
          ? new Check.Revoked(entry.name())
          : new Check.Valid(new Principal(entry.name(), entry.role()));
    }
    Access access = accessByHash.get(hash);
    if (access == null) {
      return new Check.Unknown();
    }
    if (!clock.instant().isBefore(access.expiresAt())) {
      accessByHash.remove(hash);
      return new Check.Expired();
    }
    return active(access.name())
        .<Check>map(Check.Valid::new)
        .orElseGet(() -> new Check.Revoked(access.name()));
  }

  /**
   * OAuth2 client credentials: the client secret is a named token; {@code clientId}, when given,
   * must be its name. Empty when they do not match an active token.
   */
  public Optional<Issued> exchangeClientCredentials(String clientId, String clientSecret) {
    if (clientSecret == null) {
      return Optional.empty();
    }
    Entry entry = byHash.get(hash(clientSecret));
    if (entry == null
        || entry.revoked()
        || (clientId != null && !clientId.isEmpty() && !clientId.equals(entry.name()))) {
      return Optional.empty();
    }
    return Optional.of(accessToken(new Principal(entry.name(), entry.role())));
  }

  /** A fresh access token for a principal that already holds a valid one (token exchange). */
  public Issued accessToken(Principal principal) {
    String token = "tra_" + random();
    accessByHash.put(hash(token), new Access(principal.name(), clock.instant().plus(accessTtl)));
    accessByHash.values().removeIf(a -> !clock.instant().isBefore(a.expiresAt()));
    return new Issued(principal.name(), principal.role(), token, accessTtl.toSeconds());
  }

  private Optional<Principal> active(String name) {
    return byHash.values().stream()
        .filter(e -> e.name().equals(name) && !e.revoked())
        .findFirst()
        .map(e -> new Principal(e.name(), e.role()));
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** One line per token: {@code sha256-hex TAB role TAB name TAB created TAB active|revoked}. */
  private void load(Path from) {
    try {
      int lineNo = 0;
      for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 5) {
          throw new IllegalStateException(
              "tokens file " + from + " line " + lineNo + " is not 5 tab-separated fields");
        }
        byHash.put(
            f[0], new Entry(f[2], Role.parse(f[1]), Instant.parse(f[3]), f[4].equals("revoked")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokens file " + from + ": " + e.getMessage(), e);
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    Map<String, Entry> persisted = new LinkedHashMap<>();
    byHash.forEach(persisted::put);
    StringBuilder text =
        new StringBuilder("# catalog tokens: sha256(token) role name created state\n");
    persisted.forEach(
        (hash, e) -> {
          if (!e.name().equals(CONFIGURED_ADMIN)) {
            text.append(hash)
                .append('\t')
                .append(e.role().label())
                .append('\t')
                .append(e.name())
                .append('\t')
                .append(e.createdAt())
                .append('\t')
                .append(e.revoked() ? "revoked" : "active")
                .append('\n');
          }
        });
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".tokens", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tokens file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The name of the bootstrap admin token from config (never written to the tokens file). */
  public static final String CONFIGURED_ADMIN = "admin";
}
