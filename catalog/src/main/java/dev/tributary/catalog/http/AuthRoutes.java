package dev.tributary.catalog.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.auth.Principal;
import dev.tributary.catalog.auth.Role;
import dev.tributary.catalog.auth.TokenStore;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens over HTTP. {@code POST /iceberg/v1/oauth/tokens} is the Iceberg REST catalog's OAuth2
 * token endpoint: client credentials (a named token as the client secret, its name as the client
 * id) or a token exchange give a short-lived bearer token, which is what Iceberg's {@code
 * RESTCatalog}, Spark and PyIceberg do with a {@code credential} setting. {@code
 * /api/v1/admin/tokens} lets an admin issue ({@code POST {"name", "role"}}), list and revoke
 * ({@code DELETE .../{name}}) named tokens.
 */
public final class AuthRoutes {
  static final String TOKEN_PATH = "/iceberg/v1/oauth/tokens";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TokenStore tokens;
  private final Access access;
  private final WorkerExecutor io;

  /**
   * @param tokens null when authentication is off: the token endpoint answers 400 and token
   *     management 404
   */
  public AuthRoutes(TokenStore tokens, Access access, WorkerExecutor io) {
    this.tokens = tokens;
    this.access = access;
    this.io = io;
  }

  /** Mount before the Iceberg catch-all route. */
  public void mount(Router router) {
    router.post(TOKEN_PATH).handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.post(TOKEN_PATH).handler(this::token);
    if (tokens == null) {
      return;
    }
    router.route("/api/v1/admin/tokens*").handler(access.require(Access.ADMINS));
    router.post("/api/v1/admin/tokens").handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.post("/api/v1/admin/tokens").handler(this::issue);
    router.get("/api/v1/admin/tokens").handler(this::list);
    router.delete("/api/v1/admin/tokens/:name").handler(this::revoke);
  }

  void token(RoutingContext ctx) {
    HttpMetrics.name(ctx, "iceberg.oauthTokens");
    if (tokens == null) {
      oauthError(ctx, 400, "invalid_request", "authentication is off: no token is needed");
      return;
    }
    String grant = ctx.request().getFormAttribute("grant_type");
    Optional<TokenStore.Issued> issued;
    if ("client_credentials".equals(grant)) {
      String id = ctx.request().getFormAttribute("client_id");
      String secret = ctx.request().getFormAttribute("client_secret");
      String basic = ctx.request().getHeader("Authorization");
      if (secret == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
        String pair;
        try {
          pair =
              new String(
                  Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          oauthError(ctx, 400, "invalid_request", "Authorization: Basic is not base64");
          return;
        }
        int colon = pair.indexOf(':');
        id = colon < 0 ? null : pair.substring(0, colon);
        secret = colon < 0 ? pair : pair.substring(colon + 1);
      }
      issued = tokens.exchangeClientCredentials(id, secret);
      if (issued.isEmpty()) {
        oauthError(
            ctx,
            401,
            "invalid_client",
            "client credentials not recognised or revoked (credential = <name>:<token>)");
        return;
      }
    } else if (TOKEN_EXCHANGE.equals(grant)) {
      String subject = ctx.request().getFormAttribute("subject_token");
      TokenStore.Check check = subject == null ? null : tokens.check(subject);
      if (!(check instanceof TokenStore.Check.Valid valid)) {
        oauthError(ctx, 401, "invalid_grant", "subject_token is not a valid token");
        return;
      }
      issued = Optional.of(tokens.accessToken(valid.principal()));
    } else {
      oauthError(
          ctx,
          400,
          "unsupported_grant_type",
          "grant_type must be client_credentials or " + TOKEN_EXCHANGE + ", got " + grant);
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.get().token());
    body.put("token_type", "bearer");
    body.put("expires_in", issued.get().expiresInSeconds());
    body.put("issued_token_type", ACCESS_TOKEN_TYPE);
    ApiJson.send(ctx, 200, body);
  }

  private static void oauthError(RoutingContext ctx, int status, String error, String message) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"tributary-catalog\"");
    }
    ApiJson.send(ctx, status, Map.of("error", error, "error_description", message));
  }

  void issue(RoutingContext ctx) {
    HttpMetrics.name(ctx, "admin.tokens");
    String name;
    Role role;
    try {
      JsonNode body = JSON.readTree(ctx.body() == null ? "" : ctx.body().asString());
      if (body == null) {
        throw new IllegalArgumentException("empty body");
      }
      name = body.path("name").asText(null);
      role = Role.parse(body.path("role").asText(null));
    } catch (Exception e) {
      ApiJson.send(
          ctx,
          400,
          Map.of(
              "error",
              "bad_request",
              "message",
              "POST {\"name\": ..., \"role\": \"organizer|data-team|admin|pipeline\"}: "
                  + oneLine(e)));
      return;
    }
    io.executeBlocking(() -> tokens.issue(name, role), false)
        .onSuccess(
            t ->
                ApiJson.send(
                    ctx,
                    201,
                    Map.of("name", t.name(), "role", t.role().label(), "token", t.token())))
        .onFailure(
            e ->
                ApiJson.send(
                    ctx,
                    e instanceof IllegalArgumentException ? 409 : 500,
                    Map.of("error", "cannot_issue", "message", oneLine(e))));
  }

  void list(RoutingContext ctx) {
    HttpMetrics.name(ctx, "admin.tokens");
    ApiJson.send(
        ctx,
        200,
        Map.of(
            "tokens",
            tokens.list().stream()
                .map(
                    e ->
                        Map.of(
                            "name", e.name(),
                            "role", e.role().label(),
                            "createdAt", e.createdAt().toString(),
                            "revoked", e.revoked()))
                .toList()));
  }

  void revoke(RoutingContext ctx) {
    HttpMetrics.name(ctx, "admin.tokens");
    String name = ctx.pathParam("name");
    Principal caller = Access.principal(ctx);
    if (TokenStore.CONFIGURED_ADMIN.equals(name)) {
      ApiJson.send(
          ctx,
          409,
          Map.of(
              "error",
              "configured_token",
              "message",
              "the admin token comes from the service's config (auth.admin-token); change it there"));
      return;
    }
    io.executeBlocking(() -> tokens.revoke(name), false)
        .onSuccess(
            found -> {
              if (found) {
                ApiJson.send(ctx, 200, Map.of("revoked", name, "by", caller.name()));
              } else {
                ApiJson.send(
                    ctx,
                    404,
                    Map.of("error", "unknown_token", "message", "no active token named " + name));
              }
            })
        .onFailure(
            e -> ApiJson.send(ctx, 500, Map.of("error", "cannot_revoke", "message", oneLine(e))));
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.replace('\n', ' ');
  }
}
