package dev.tributary.gateway.http;

import dev.tributary.gateway.auth.SiteRegistry;
import dev.tributary.gateway.error.Rejection;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** Organizer and enrolment calls: thin translations from JSON to {@link SiteRegistry}. */
final class AdminRoutes {
  record CreateSite(String siteId, String displayName, String country) {}

  record IssueCode(Long ttlSeconds) {}

  record Enrol(String code) {}

  record SiteCreated(String siteId) {}

  record CodeIssued(String siteId, String code, String expiresAt) {}

  record TokensRevoked(String siteId, int revoked) {}

  record Enrolled(String siteId, String token) {}

  private final SiteRegistry registry;

  AdminRoutes(SiteRegistry registry) {
    this.registry = registry;
  }

  void createSite(RoutingContext ctx) {
    CreateSite request = Responses.readJson(ctx, CreateSite.class, null);
    Future.fromCompletionStage(
            registry.createSite(request.siteId(), request.displayName(), request.country()),
            ctx.vertx().getOrCreateContext())
        .onSuccess(
            created ->
                Responses.json(
                    ctx, created.created() ? 201 : 200, new SiteCreated(created.siteId())))
        .onFailure(ctx::fail);
  }

  void issueCode(RoutingContext ctx) {
    IssueCode request = Responses.readJson(ctx, IssueCode.class, new IssueCode(null));
    Duration ttl = request.ttlSeconds() == null ? null : Duration.ofSeconds(request.ttlSeconds());
    Handlers.answer(
        ctx,
        201,
        c ->
            registry
                .issueEnrolmentCode(c.pathParam("siteId"), ttl)
                .thenApply(
                    code ->
                        new CodeIssued(code.siteId(), code.code(), code.expiresAt().toString())));
  }

  void revokeTokens(RoutingContext ctx) {
    String siteId = ctx.pathParam("siteId");
    Handlers.answer(
        ctx, 200, c -> registry.revokeTokens(siteId).thenApply(n -> new TokensRevoked(siteId, n)));
  }

  void enroll(RoutingContext ctx) {
    Enrol request = Responses.readJson(ctx, Enrol.class, null);
    if (request.code() == null) {
      throw Rejection.malformed(
          "missing_code", "send the enrolment code as JSON {\"code\":\"...\"}");
    }
    Handlers.answer(
        ctx,
        200,
        c -> registry.enroll(request.code()).thenApply(e -> new Enrolled(e.siteId(), e.token())));
  }
}
