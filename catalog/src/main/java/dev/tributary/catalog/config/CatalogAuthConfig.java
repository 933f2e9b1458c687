package dev.tributary.catalog.config;

import dev.tributary.schema.config.Configs;
import dev.tributary.schema.config.Default;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Who may use the catalog service: bearer tokens with a role (organizer, data-team, admin), stored
 * hashed, revocable; the Iceberg REST endpoints also issue short-lived tokens for OAuth2 client
 * credentials. Config keys: {@code auth.enabled}, {@code auth.admin-token}, ...
 *
 * @param enabled whether requests need a token; off is refused on a non-loopback host
 * @param adminToken the bootstrap admin token (at least 16 characters); null with {@code
 *     adminTokenFile} unset: a random one for this process only ({@code
 *     CatalogService.adminToken()})
 * @param adminTokenFile where the bootstrap admin token is kept: read when the file exists, else
 *     generated and written there (owner-only); ignored when {@code adminToken} is set
 * @param tokensFile where issued tokens are stored (SHA-256 hashes, roles, revocations); null: in
 *     memory only, lost on restart
 * @param publicDashboard the dashboard, its data and site statistics readable without a token
 *     (read-only); SQL, the Iceberg REST catalog and token management still need one
 * @param accessTokenTtl lifetime of a token issued by {@code POST /iceberg/v1/oauth/tokens}
 * @param dashboardSessionTtl lifetime of a sign-in on the dashboard page (its session cookie)
 * @param maxDashboardSessions dashboard sign-ins kept at once; a new one beyond pushes out the
 *     oldest
 */
public record CatalogAuthConfig(
    @Default("true") boolean enabled,
    String adminToken,
    Path adminTokenFile,
    Path tokensFile,
    @Default("false") boolean publicDashboard,
    @Default("1h") Duration accessTokenTtl,
    @Default("12h") Duration dashboardSessionTtl,
    @Default("1000") int maxDashboardSessions) {

  /** Shortest admin token accepted; a guessable one would open everything. */
  public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

  public CatalogAuthConfig {
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
    if (adminToken != null && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "catalog auth.adminToken is shorter than "
              + MIN_ADMIN_TOKEN_LENGTH
              + " characters: set a long random secret (e.g. openssl rand -hex 32)");
    }
    accessTokenTtl = accessTokenTtl == null ? Duration.ofHours(1) : accessTokenTtl;
    if (accessTokenTtl.compareTo(Duration.ofMinutes(1)) < 0
        || accessTokenTtl.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "catalog auth.accessTokenTtl "
              + accessTokenTtl
              + " is outside 1 min .. 1 day: default 1h");
    }
    dashboardSessionTtl = dashboardSessionTtl == null ? Duration.ofHours(12) : dashboardSessionTtl;
    if (dashboardSessionTtl.compareTo(Duration.ofMinutes(1)) < 0
        || dashboardSessionTtl.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(
          "catalog auth.dashboardSessionTtl "
              + dashboardSessionTtl
              + " is outside 1 min .. 30 days: default 12h");
    }
    if (maxDashboardSessions < 1 || maxDashboardSessions > 1_000_000) {
      throw new IllegalArgumentException(
          "catalog auth.maxDashboardSessions must be between 1 and 1000000, got "
              + maxDashboardSessions);
    }
  }

  /** Tokens required, a random admin token for this process, no public dashboard. */
  public static CatalogAuthConfig defaults() {
    return Configs.defaults(CatalogAuthConfig.class);
  }

  /** No authentication: every caller is an admin. Only allowed on loopback. */
  public static CatalogAuthConfig off() {
    return Configs.with(defaults(), "enabled", false);
  }

  public CatalogAuthConfig withAdminToken(String token) {
    return Configs.with(this, "adminToken", token);
  }

  public CatalogAuthConfig withAdminTokenFile(Path file) {
    return Configs.with(this, "adminTokenFile", file);
  }

  public CatalogAuthConfig withTokensFile(Path file) {
    return Configs.with(this, "tokensFile", file);
  }

  public CatalogAuthConfig withDashboardSessionTtl(Duration ttl) {
    return Configs.with(this, "dashboardSessionTtl", ttl);
  }

  public CatalogAuthConfig withPublicDashboard(boolean on) {
    return Configs.with(this, "publicDashboard", on);
  }

  @Override
  public String toString() {
    return Configs.toString(this);
  }
}
