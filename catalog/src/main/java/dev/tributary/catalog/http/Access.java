package dev.tributary.catalog.http;

import dev.tributary.catalog.auth.DashboardSessions;
import dev.tributary.catalog.auth.Principal;
import dev.tributary.catalog.auth.Role;
import dev.tributary.catalog.auth.TokenStore;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Route guards: who presented which bearer token, and whether its role may use the route. A refusal
 * names what is wrong: 401 {@code missing_token}, {@code invalid_token}, {@code revoked_token},
 * {@code expired_token}; 403 {@code forbidden} with the roles the route needs. Under {@code
 * /iceberg/} the same answers use the Iceberg REST error shape so clients show the message.
 *
 * <p>The dashboard's read-only GET routes (and its event stream) also accept a dashboard session
 * cookie ({@link #SESSION_COOKIE}, see {@link SessionRoutes}); every other route (SQL, the Iceberg
 * REST catalog, token management) ignores it and needs the bearer token, so a cookie never
 * authorises a write.
 */
public final class Access {
  private static final String PRINCIPAL = "tributary.principal";

  /** Dashboard data and site statistics. */
  public static final Set<Role> READERS = EnumSet.allOf(Role.class);

  /** The curated tables: SQL and the Iceberg REST catalog. */
  public static final Set<Role> DATA = EnumSet.of(Role.DATA_TEAM, Role.ADMIN);

  public static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

  /** Who may sign in on the dashboard page: people, not pipelines. */
  public static final Set<Role> SIGN_IN = EnumSet.of(Role.ORGANIZER, Role.DATA_TEAM, Role.ADMIN);

  /** The dashboard session cookie (HttpOnly, SameSite=Strict, Path=/api/v1). */
  public static final String SESSION_COOKIE = "tributary_dashboard";

  /**
   * The Iceberg REST catalog: data teams and admins, and pipelines committing the curated tables.
   */
  public static final Set<Role> REST = EnumSet.of(Role.DATA_TEAM, Role.ADMIN, Role.PIPELINE);

  private final TokenStore tokens;
  private final boolean enabled;
  private final boolean publicDashboard;
  private final DashboardSessions sessions;

  /**
   * @param tokens null when authentication is off: every caller is {@link
   *     Principal#ANONYMOUS_ADMIN}
   * @param sessions dashboard sign-ins; null: none (authentication off)
   */
  public Access(TokenStore tokens, boolean publicDashboard, DashboardSessions sessions) {
    this.tokens = tokens;
    this.enabled = tokens != null;
    this.publicDashboard = publicDashboard;
    this.sessions = sessions;
  }

  public static Access off() {
    return new Access(null, true, null);
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean publicDashboard() {
    return publicDashboard;
  }

  /** Null when authentication is off. */
  public DashboardSessions sessions() {
    return sessions;
  }

  public TokenStore tokens() {
    return tokens;
  }

  /** The caller of a request that passed a guard. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    return p == null ? Principal.ANONYMOUS_ADMIN : p;
  }

  /** A guard that lets only these roles through. */
  public Handler<RoutingContext> require(Set<Role> roles) {
    return ctx -> guard(ctx, roles, false, false);
  }

  /**
   * The dashboard's data: public (read-only) when the operator turned that on, else any role; a
   * dashboard session cookie works here too, for GET only.
   */
  public Handler<RoutingContext> dashboard() {
    return ctx -> guard(ctx, READERS, publicDashboard, true);
  }

  private void guard(
      RoutingContext ctx, Set<Role> roles, boolean publicRead, boolean sessionRoute) {
    if (!enabled) {
      ctx.put(PRINCIPAL, Principal.ANONYMOUS_ADMIN);
      ctx.next();
      return;
    }
    String token = bearer(ctx);
    if (token == null) {
      String session =
          sessionRoute
                  && sessions != null
                  && (ctx.request().method() == HttpMethod.GET
                      || ctx.request().method() == HttpMethod.HEAD)
              ? sessionId(ctx)
              : null;
      if (session != null) {
        TokenStore.Check check = sessions.check(session);
        if (check instanceof TokenStore.Check.Valid valid
            && roles.contains(valid.principal().role())) {
          ctx.put(PRINCIPAL, valid.principal());
          if (ctx.request().path().equals("/api/v1/events")) {
            endStreamWithSession(ctx, session);
          }
          ctx.next();
          return;
        }
        if (!publicRead) {
          refuseSession(ctx, check);
          return;
        }
      }
      if (publicRead) {
        ctx.next();
        return;
      }
      refuse(
          ctx,
          401,
          "missing_token",
          "this route needs Authorization: Bearer <token>"
              + (sessionRoute ? " or a dashboard sign-in (POST /api/v1/session)" : ""));
      return;
    }
    TokenStore.Check check = tokens.check(token);
    if (check instanceof TokenStore.Check.Valid valid) {
      Principal who = valid.principal();
      if (!roles.contains(who.role())) {
        refuse(
            ctx,
            403,
            "forbidden",
            "token '"
                + who.name()
                + "' has role "
                + who.role().label()
                + "; "
                + ctx.request().method()
                + " "
                + ctx.request().path()
                + " needs "
                + labels(roles));
        return;
      }
      ctx.put(PRINCIPAL, who);
      ctx.next();
    } else if (check instanceof TokenStore.Check.Revoked revoked) {
      refuse(
          ctx,
          401,
          "revoked_token",
          "token '" + revoked.name() + "' was revoked: ask an admin for a new one");
    } else if (check instanceof TokenStore.Check.Expired) {
      refuse(
          ctx,
          401,
          "expired_token",
          "access token expired: request a new one from /iceberg/v1/oauth/tokens");
    } else {
      refuse(ctx, 401, "invalid_token", "bearer token not recognised");
    }
  }

  private static void refuseSession(RoutingContext ctx, TokenStore.Check check) {
    if (check instanceof TokenStore.Check.Revoked revoked) {
      refuse(
          ctx,
          401,
          "revoked_token",
          "token '"
              + revoked.name()
              + "' was revoked, which ended this dashboard session: sign in with a new token");
    } else if (check instanceof TokenStore.Check.Expired) {
      refuse(ctx, 401, "session_expired", "the dashboard session expired: sign in again");
    } else if (check instanceof TokenStore.Check.Valid) {
      refuse(ctx, 403, "forbidden", "this dashboard session's role may not use this route");
    } else {
      refuse(
          ctx,
          401,
          "invalid_session",
          "dashboard session not recognised (signed out, or the service restarted): sign in again");
    }
  }

  /**
   * An event stream opened with a session ends when the session does (signed out, token revoked,
   * lifetime over); the browser's reconnect is then refused and the page asks for a sign-in.
   */
  private void endStreamWithSession(RoutingContext ctx, String session) {
    HttpServerResponse response = ctx.response();
    Context context = Vertx.currentContext();
    Runnable end =
        () ->
            context.runOnContext(
                v -> {
                  if (!response.ended() && !response.closed()) {
                    response.end();
                  }
                });
    sessions.watch(session, () -> response.ended() || response.closed(), end);
    Instant expiresAt = sessions.expiresAt(session);
    if (expiresAt != null) {
      long millis = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
      long timer = ctx.vertx().setTimer(millis, id -> end.run());
      ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
    }
  }

  /** The dashboard session cookie's value, or null. */
  static String sessionId(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    String value = cookie == null ? null : cookie.getValue();
    return value == null || value.isBlank() || value.length() > 128 ? null : value;
  }

  /**
   * {@code Authorization: Bearer}, or {@code ?access_token=} on the event stream (browsers'
   * EventSource sends no headers).
   */
  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    if (ctx.request().path().equals("/api/v1/events")) {
      String query = ctx.request().getParam("access_token");
      return query == null || query.isBlank() ? null : query;
    }
    return null;
  }

  private static String labels(Set<Role> roles) {
    return String.join(" or ", roles.stream().map(Role::label).toList());
  }

  static void refuse(RoutingContext ctx, int status, String code, String message) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tributary-catalog\"");
    }
    if (ctx.request().path().startsWith("/iceberg/")) {
      String type = status == 401 ? "NotAuthorizedException" : "ForbiddenException";
      ApiJson.send(
          ctx,
          status,
          Map.of("error", Map.of("message", code + ": " + message, "type", type, "code", status)));
    } else {
      ApiJson.send(ctx, status, Map.of("error", code, "message", message));
    }
  }
}
