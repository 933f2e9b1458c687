package dev.tributary.catalog.http;

import dev.tributary.catalog.auth.Principal;
import dev.tributary.catalog.auth.Role;
import dev.tributary.catalog.auth.TokenStore;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Route guards: who presented which bearer token, and whether its role may use the route. A refusal
 * names what is wrong: 401 {@code missing_token}, {@code invalid_token}, {@code revoked_token},
 * {@code expired_token}; 403 {@code forbidden} with the roles the route needs. Under {@code
 * /iceberg/} the same answers use the Iceberg REST error shape so clients show the message.
 */
public final class Access {
  private static final String PRINCIPAL = "tributary.principal";

  /** Dashboard data and site statistics. */
  public static final Set<Role> READERS = EnumSet.allOf(Role.class);

  /** The curated tables: SQL and the Iceberg REST catalog. */
  public static final Set<Role> DATA = EnumSet.of(Role.DATA_TEAM, Role.ADMIN);

  public static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

  /**
   * The Iceberg REST catalog: data teams and admins, and pipelines committing the curated tables.
   */
  public static final Set<Role> REST = EnumSet.of(Role.DATA_TEAM, Role.ADMIN, Role.PIPELINE);

  private final TokenStore tokens;
  private final boolean enabled;
  private final boolean publicDashboard;

  /**
   * @param tokens null when authentication is off: every caller is {@link
   *     Principal#ANONYMOUS_ADMIN}
   */
  public Access(TokenStore tokens, boolean publicDashboard) {
    this.tokens = tokens;
    this.enabled = tokens != null;
    this.publicDashboard = publicDashboard;
  }

  public static Access off() {
    return new Access(null, true);
  }

  /** The caller of a request that passed a guard. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    return p == null ? Principal.ANONYMOUS_ADMIN : p;
  }

  /** A guard that lets only these roles through. */
  public Handler<RoutingContext> require(Set<Role> roles) {
    return ctx -> guard(ctx, roles, false);
  }

  /** The dashboard's data: public (read-only) when the operator turned that on, else any role. */
  public Handler<RoutingContext> dashboard() {
    return ctx -> guard(ctx, READERS, publicDashboard);
  }

  private void guard(RoutingContext ctx, Set<Role> roles, boolean publicRead) {
    if (!enabled) {
      ctx.put(PRINCIPAL, Principal.ANONYMOUS_ADMIN);
      ctx.next();
      return;
    }
    String token = bearer(ctx);
    if (token == null) {
      if (publicRead) {
        ctx.next();
        return;
      }
      refuse(ctx, 401, "missing_token", "this route needs Authorization: Bearer <token>");
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
