package dev.tributary.catalog.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.auth.DashboardSessions;
import dev.tributary.catalog.auth.Principal;
import dev.tributary.catalog.auth.TokenStore;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dashboard sign-in. Browsers' {@code EventSource} cannot send an {@code Authorization} header, so
 * the dashboard page posts the token once and gets a session cookie instead:
 *
 * <ul>
 *   <li>{@code GET /api/v1/session}: whether the dashboard's data is open (authentication off),
 *       public (read-only mode), readable with this browser's session, or needs a sign-in.
 *   <li>{@code POST /api/v1/session {"token": "..."}} (JSON only, so a cross-site form cannot sign
 *       a browser in): checks the token (organizer, data-team or admin) and sets {@value
 *       Access#SESSION_COOKIE}: an opaque random id, HttpOnly, SameSite=Strict, Secure over TLS,
 *       Path=/api/v1, Max-Age = {@code auth.dashboard-session-ttl}.
 *   <li>{@code DELETE /api/v1/session}: signs out and clears the cookie.
 * </ul>
 *
 * The cookie is accepted only by the dashboard's GET routes ({@link Access#dashboard()}).
 */
public final class SessionRoutes {
  static final String PATH = "/api/v1/session";
  static final String COOKIE_PATH = "/api/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Access access;

  public SessionRoutes(Access access) {
    this.access = access;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::status);
    router.post(PATH).handler(BodyHandler.create().setBodyLimit(4 * 1024));
    router.post(PATH).handler(this::signIn);
    router.delete(PATH).handler(this::signOut);
  }

  void status(RoutingContext ctx) {
    HttpMetrics.name(ctx, "session");
    Map<String, Object> body = new LinkedHashMap<>();
    DashboardSessions sessions = access.sessions();
    if (!access.enabled()) {
      body.put("dashboard", "open");
    } else {
      String id = Access.sessionId(ctx);
      TokenStore.Check check = id == null ? null : sessions.check(id);
      if (check instanceof TokenStore.Check.Valid valid) {
        body.put("dashboard", "session");
        body.put("name", valid.principal().name());
        body.put("role", valid.principal().role().label());
        body.put("expiresAt", String.valueOf(sessions.expiresAt(id)));
      } else {
        body.put("dashboard", access.publicDashboard() ? "public" : "sign-in");
        if (check instanceof TokenStore.Check.Revoked revoked) {
          body.put("ended", "token '" + revoked.name() + "' was revoked");
        } else if (check instanceof TokenStore.Check.Expired) {
          body.put("ended", "the session expired");
        }
      }
    }
    ApiJson.send(ctx, 200, body);
  }

  void signIn(RoutingContext ctx) {
    HttpMetrics.name(ctx, "session");
    if (!access.enabled()) {
      error(ctx, 400, "auth_off", "authentication is off: the dashboard needs no sign-in");
      return;
    }
    String type = ctx.request().getHeader("content-type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      error(
          ctx,
          415,
          "unsupported_media_type",
          "POST " + PATH + " takes application/json: {\"token\": \"trb_...\"}");
      return;
    }
    String token;
    try {
      JsonNode body = JSON.readTree(ctx.body() == null ? "" : ctx.body().asString());
      token = body == null ? null : body.path("token").asText(null);
    } catch (Exception e) {
      token = null;
    }
    if (token == null || token.isBlank()) {
      error(ctx, 400, "bad_request", "POST " + PATH + " {\"token\": \"trb_...\"}: no token given");
      return;
    }
    token = token.trim();
    TokenStore.Check check = access.tokens().check(token);
    if (check instanceof TokenStore.Check.Valid valid) {
      Principal who = valid.principal();
      if (!Access.SIGN_IN.contains(who.role())) {
        error(
            ctx,
            403,
            "forbidden",
            "token '"
                + who.name()
                + "' has role "
                + who.role().label()
                + "; the dashboard signs in organizer, data-team or admin tokens");
        return;
      }
      DashboardSessions.Opened opened = access.sessions().open(token, who);
      ctx.response().addCookie(cookie(ctx, opened.id(), access.sessions().ttl().toSeconds()));
      ApiJson.send(
          ctx,
          200,
          Map.of(
              "dashboard", "session",
              "name", who.name(),
              "role", who.role().label(),
              "expiresAt", opened.expiresAt().toString()));
    } else if (check instanceof TokenStore.Check.Revoked revoked) {
      error(
          ctx,
          401,
          "revoked_token",
          "token '" + revoked.name() + "' was revoked: ask an admin for a new one");
    } else if (check instanceof TokenStore.Check.Expired) {
      error(ctx, 401, "expired_token", "that access token expired: use your named token");
    } else {
      error(ctx, 401, "invalid_token", "token not recognised: check it was copied whole");
    }
  }

  void signOut(RoutingContext ctx) {
    HttpMetrics.name(ctx, "session");
    String id = Access.sessionId(ctx);
    if (id != null && access.sessions() != null) {
      access.sessions().close(id);
    }
    ctx.response().addCookie(cookie(ctx, "", 0));
    ApiJson.send(ctx, 200, Map.of("signedOut", id != null));
  }

  private static Cookie cookie(RoutingContext ctx, String value, long maxAgeSeconds) {
    boolean tls =
        ctx.request().isSSL()
            || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    return Cookie.cookie(Access.SESSION_COOKIE, value)
        .setPath(COOKIE_PATH)
        .setHttpOnly(true)
        .setSecure(tls)
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(maxAgeSeconds);
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tributary-catalog\"");
    }
    ApiJson.send(ctx, status, Map.of("error", code, "message", message));
  }
}
