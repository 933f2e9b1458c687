package dev.tributary.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogAuthConfig;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboard sign-in (issue 14): {@code POST /api/v1/session} turns a token into an HttpOnly,
 * SameSite=Strict session cookie that the dashboard's read-only routes and its event stream accept,
 * and nothing else does; a wrong, revoked or pipeline token gets its own answer; revoking the token
 * or signing out ends the session and its open event stream.
 */
class DashboardSessionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestLake lake;
  private CatalogService service;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String admin, organizer, dataTeam, pipeline, revoked;

  @BeforeEach
  void start() throws Exception {
    lake = TestLake.withCuratedTables(dir.resolve("lake"));
    new SyntheticCorpus(lake.catalog())
        .append(
            List.of(Episode.accepted("aachen", "pick", 1), Episode.accepted("bonn", "pick", 2)));
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                .withAuth(CatalogAuthConfig.defaults().withTokensFile(dir.resolve("tokens"))));
    admin = service.adminToken();
    organizer = issue("olga", "organizer");
    dataTeam = issue("dana", "data-team");
    pipeline = issue("curation-2", "pipeline");
    revoked = issue("rex", "organizer");
    assertThat(send("DELETE", "api/v1/admin/tokens/rex", admin, null, null, null).statusCode())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    lake.close();
  }

  @Test
  void aWrongRevokedOrPipelineTokenIsRefusedWithItsOwnErrorAndNoCookie() throws Exception {
    assertThat(
            json(send("GET", "api/v1/session", null, null, null, null)).path("dashboard").asText())
        .isEqualTo("sign-in");
    record Refusal(String name, String body, String type, int status, String code) {}
    List<Refusal> refusals =
        List.of(
            new Refusal(
                "wrong token",
                "{\"token\":\"trb_nope\"}",
                "application/json",
                401,
                "invalid_token"),
            new Refusal(
                "revoked token",
                "{\"token\":\"" + revoked + "\"}",
                "application/json",
                401,
                "revoked_token"),
            new Refusal(
                "pipeline token",
                "{\"token\":\"" + pipeline + "\"}",
                "application/json",
                403,
                "forbidden"),
            new Refusal("no token", "{}", "application/json", 400, "bad_request"),
            new Refusal(
                "a cross-site form post",
                "token=" + organizer,
                "application/x-www-form-urlencoded",
                415,
                "unsupported_media_type"));
    List<String> mismatches = new ArrayList<>();
    for (Refusal r : refusals) {
      HttpResponse<String> response =
          send("POST", "api/v1/session", null, null, r.body(), r.type());
      JsonNode body = json(response);
      if (response.statusCode() != r.status()
          || !r.code().equals(body.path("error").asText())
          || body.path("message").asText().isBlank()
          || response.headers().firstValue("Set-Cookie").isPresent()) {
        mismatches.add(
            r.name()
                + ": got "
                + response.statusCode()
                + " "
                + response.headers().map()
                + " "
                + response.body());
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(
            json(send(
                    "POST",
                    "api/v1/session",
                    null,
                    null,
                    "{\"token\":\"trb_nope\"}",
                    "application/json"))
                .path("message")
                .asText())
        .contains("token not recognised");
  }

  @Test
  void theSessionCookieOpensTheDashboardsReadOnlyRoutesAndNothingElse() throws Exception {
    HttpResponse<String> signedIn = signIn(organizer);
    String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("tributary_dashboard=").doesNotContain(organizer);
    // Attribute names are case-insensitive (RFC 6265); Netty writes "HTTPOnly".
    assertThat(setCookie.toLowerCase(java.util.Locale.ROOT))
        .contains("; path=/api/v1", "; httponly", "; samesite=strict", "; max-age=43200")
        .doesNotContain("; secure");
    assertThat(json(signedIn).path("name").asText()).isEqualTo("olga");
    assertThat(json(signedIn).path("role").asText()).isEqualTo("organizer");
    String cookie = cookieOf(signedIn);

    for (String path :
        List.of(
            "api/v1/dashboard",
            "api/v1/sites",
            "api/v1/episodes?site=aachen&limit=5",
            "api/v1/session")) {
      assertThat(send("GET", path, null, cookie, null, null).statusCode()).as(path).isEqualTo(200);
    }
    JsonNode status = json(send("GET", "api/v1/session", null, cookie, null, null));
    assertThat(status.path("dashboard").asText()).isEqualTo("session");
    assertThat(status.path("name").asText()).isEqualTo("olga");
    try (EventStream events = EventStream.open(http, service.baseUrl(), cookie)) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.awaitLine("event: snapshot")).isTrue();
    }

    // An admin's session is still only a dashboard session: SQL, the Iceberg REST catalog and
    // token management take the bearer token only (so a cookie never authorises a write).
    String adminCookie = cookieOf(signIn(admin));
    record Route(String method, String path, String body, String type, String code) {}
    for (Route r :
        List.of(
            new Route("POST", "api/v1/sql", "SELECT 1", "text/plain", "missing_token"),
            new Route("GET", "iceberg/v1/config", null, null, "NotAuthorizedException"),
            new Route("GET", "iceberg/v1/namespaces", null, null, "NotAuthorizedException"),
            new Route("GET", "api/v1/admin/tokens", null, null, "missing_token"),
            new Route(
                "POST",
                "api/v1/admin/tokens",
                "{\"name\":\"x\",\"role\":\"admin\"}",
                "application/json",
                "missing_token"))) {
      HttpResponse<String> refused =
          send(r.method(), r.path(), null, adminCookie, r.body(), r.type());
      JsonNode body = json(refused);
      String code =
          body.path("error").isObject()
              ? body.path("error").path("type").asText()
              : body.path("error").asText();
      assertThat(refused.statusCode())
          .as(r.method() + " " + r.path() + ": " + refused.body())
          .isEqualTo(401);
      assertThat(code).as(r.path()).isEqualTo(r.code());
    }
    // The data team signs in too (the dashboard is theirs to read as well); over TLS (here: a
    // proxy saying so) the cookie is Secure.
    HttpResponse<String> overTls =
        http.send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + "api/v1/session"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + dataTeam + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(overTls.statusCode()).isEqualTo(200);
    assertThat(
            overTls
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow()
                .toLowerCase(java.util.Locale.ROOT))
        .contains("; secure");
    // A cookie that is made up gets a clear answer.
    HttpResponse<String> madeUp =
        send("GET", "api/v1/dashboard", null, "tributary_dashboard=forged", null, null);
    assertThat(madeUp.statusCode()).isEqualTo(401);
    assertThat(json(madeUp).path("error").asText()).isEqualTo("invalid_session");
  }

  @Test
  void revokingTheTokenEndsTheSessionAndItsOpenEventStream() throws Exception {
    String cookie = cookieOf(signIn(organizer));
    try (EventStream events = EventStream.open(http, service.baseUrl(), cookie)) {
      assertThat(events.awaitLine("event: snapshot")).isTrue();
      assertThat(send("DELETE", "api/v1/admin/tokens/olga", admin, null, null, null).statusCode())
          .isEqualTo(200);
      assertThat(events.awaitEnd(Duration.ofSeconds(10))).as("the stream ended").isTrue();
    }
    HttpResponse<String> after = send("GET", "api/v1/dashboard", null, cookie, null, null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(json(after).path("error").asText()).isEqualTo("revoked_token");
    assertThat(json(after).path("message").asText()).contains("'olga' was revoked");
    HttpResponse<String> stream = send("GET", "api/v1/events", null, cookie, null, null);
    assertThat(stream.statusCode()).isEqualTo(401);
    JsonNode status = json(send("GET", "api/v1/session", null, cookie, null, null));
    assertThat(status.path("dashboard").asText()).isEqualTo("sign-in");
    assertThat(status.path("ended").asText()).contains("revoked");
  }

  @Test
  void signingOutClearsTheCookieAndEndsTheSession() throws Exception {
    String cookie = cookieOf(signIn(organizer));
    try (EventStream events = EventStream.open(http, service.baseUrl(), cookie)) {
      assertThat(events.awaitLine("event: snapshot")).isTrue();
      HttpResponse<String> out = send("DELETE", "api/v1/session", null, cookie, null, null);
      assertThat(out.statusCode()).isEqualTo(200);
      assertThat(out.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("tributary_dashboard=;")
          .contains("Max-Age=0", "Path=/api/v1");
      assertThat(events.awaitEnd(Duration.ofSeconds(10))).as("the stream ended").isTrue();
    }
    HttpResponse<String> after = send("GET", "api/v1/dashboard", null, cookie, null, null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(json(after).path("error").asText()).isEqualTo("invalid_session");
    // The organizer's token itself still works.
    assertThat(send("GET", "api/v1/dashboard", organizer, null, null, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void withThePublicDashboardThePageNeedsNoSignIn() throws Exception {
    service.close();
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                .withAuth(
                    CatalogAuthConfig.defaults()
                        .withTokensFile(dir.resolve("tokens"))
                        .withPublicDashboard(true)));
    assertThat(
            json(send("GET", "api/v1/session", null, null, null, null)).path("dashboard").asText())
        .isEqualTo("public");
    // A stale cookie does not lock anyone out of a public dashboard.
    assertThat(
            send("GET", "api/v1/dashboard", null, "tributary_dashboard=stale", null, null)
                .statusCode())
        .isEqualTo(200);
  }

  private HttpResponse<String> signIn(String token) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "api/v1/session",
            null,
            null,
            "{\"token\":\"" + token + "\"}",
            "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static String cookieOf(HttpResponse<String> response) {
    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }

  private String issue(String name, String role) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "api/v1/admin/tokens",
            admin,
            null,
            "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}",
            "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("token").asText();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(
      String method, String path, String token, String cookie, String body, String contentType)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /api/v1/events} with a cookie, read line by line on a thread of its own. */
  private static final class EventStream implements AutoCloseable {
    private final HttpResponse<InputStream> response;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> ended;

    private EventStream(HttpResponse<InputStream> response) {
      this.response = response;
      this.ended =
          CompletableFuture.runAsync(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                      lines.add(line);
                    }
                  }
                } catch (Exception e) {
                  // closed by the test
                }
              });
    }

    static EventStream open(HttpClient http, URI base, String cookie) throws Exception {
      return new EventStream(
          http.send(
              HttpRequest.newBuilder(URI.create(base + "api/v1/events"))
                  .header("Cookie", cookie)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
      return response.statusCode();
    }

    boolean awaitLine(String line) {
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  synchronized (lines) {
                    return lines.contains(line);
                  }
                });
        return true;
      } catch (ConditionTimeoutException e) {
        return false;
      }
    }

    boolean awaitEnd(Duration timeout) {
      try {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }
}
