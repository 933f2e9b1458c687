package dev.tributary.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogAuthConfig;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.config.SqlLimits;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's security, table-driven (issue 14's "done means"): each way in that must fail gets
 * its own status and error code, and a long statement from one caller does not stall the others.
 */
class CatalogSecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLOW_SQL =
      "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b";

  @TempDir Path dir;
  private TestLake lake;
  private CatalogService service;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String admin;
  private String organizer;
  private String dataTeam;
  private String revoked, pipeline;

  @BeforeEach
  void start() throws Exception {
    lake = TestLake.withCuratedTables(dir.resolve("lake"));
    new SyntheticCorpus(lake.catalog())
        .append(
            List.of(Episode.accepted("aachen", "pick", 1), Episode.accepted("bonn", "pick", 2)));
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                .withAuth(CatalogAuthConfig.defaults().withTokensFile(dir.resolve("tokens")))
                .withSql(
                    SqlLimits.defaults()
                        .withStatementTimeout(Duration.ofSeconds(2))
                        .withMaxConcurrent(1)
                        .withMemoryLimit(32L * 1024 * 1024)
                        .withMaxResultBytes(4 * 1024)));
    admin = service.adminToken();
    organizer = issue("olga", "organizer");
    dataTeam = issue("dana", "data-team");
    revoked = issue("rex", "data-team");
    pipeline = issue("curation-2", "pipeline");
    assertThat(send("DELETE", "api/v1/admin/tokens/rex", admin, null, null).statusCode())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    lake.close();
  }

  /** One request that must be refused, and how. */
  record Case(
      String name,
      String method,
      String path,
      String token,
      String body,
      int status,
      String code) {}

  @Test
  void everyWayInThatMustFailGetsItsOwnStatusAndError() throws Exception {
    String commitToCurated =
        "{\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"x\":\"y\"}}]}";
    List<Case> cases =
        List.of(
            new Case("no token", "GET", "api/v1/dashboard", null, null, 401, "missing_token"),
            new Case("wrong token", "GET", "api/v1/sites", "trb_nope", null, 401, "invalid_token"),
            new Case(
                "revoked token", "POST", "api/v1/sql", revoked, "SELECT 1", 401, "revoked_token"),
            new Case(
                "organizer on SQL", "POST", "api/v1/sql", organizer, "SELECT 1", 403, "forbidden"),
            new Case(
                "organizer on the Iceberg REST catalog",
                "GET",
                "iceberg/v1/config",
                organizer,
                null,
                403,
                "ForbiddenException"),
            new Case(
                "no token on the Iceberg REST catalog",
                "GET",
                "iceberg/v1/namespaces",
                null,
                null,
                401,
                "NotAuthorizedException"),
            new Case(
                "data team commits to a curated table",
                "POST",
                "iceberg/v1/namespaces/tributary/tables/episodes",
                dataTeam,
                commitToCurated,
                403,
                "ForbiddenException"),
            new Case(
                "even an admin commits to a curated table",
                "POST",
                "iceberg/v1/namespaces/tributary/tables/frames",
                admin,
                commitToCurated,
                403,
                "ForbiddenException"),
            new Case(
                "pipeline token runs SQL",
                "POST",
                "api/v1/sql",
                pipeline,
                "SELECT 1",
                403,
                "forbidden"),
            new Case(
                "pipeline token creates a table outside the curated ones",
                "POST",
                "iceberg/v1/namespaces/tributary/tables",
                pipeline,
                "{\"name\":\"scratch\",\"schema\":{\"type\":\"struct\",\"fields\":[]}}",
                403,
                "ForbiddenException"),
            new Case(
                "pipeline token creates a namespace",
                "POST",
                "iceberg/v1/namespaces",
                pipeline,
                "{\"namespace\":[\"mine\"],\"properties\":{}}",
                403,
                "ForbiddenException"),
            new Case(
                "data team creates a namespace",
                "POST",
                "iceberg/v1/namespaces",
                dataTeam,
                "{\"namespace\":[\"mine\"],\"properties\":{}}",
                403,
                "ForbiddenException"),
            new Case(
                "data team manages tokens",
                "POST",
                "api/v1/admin/tokens",
                dataTeam,
                "{\"name\":\"x\",\"role\":\"admin\"}",
                403,
                "forbidden"),
            new Case(
                "statement over the timeout",
                "POST",
                "api/v1/sql",
                dataTeam,
                SLOW_SQL,
                422,
                "statement_timeout"),
            new Case(
                "statement over the memory limit",
                "POST",
                "api/v1/sql",
                dataTeam,
                "SELECT max(len(l)) FROM (SELECT list(range) AS l FROM range(20000000))",
                422,
                "memory_limit"),
            new Case(
                "result over the size limit",
                "POST",
                "api/v1/sql?limit=100",
                dataTeam,
                "SELECT repeat('x', 1000) FROM range(10)",
                422,
                "result_too_large"),
            new Case(
                "body over 64 KiB",
                "POST",
                "api/v1/sql",
                dataTeam,
                "SELECT 1 -- " + "x".repeat(70_000),
                413,
                "body_too_large"),
            new Case(
                "bad OAuth2 client secret",
                "POST",
                "iceberg/v1/oauth/tokens",
                null,
                "grant_type=client_credentials&client_id=dana&client_secret=wrong",
                401,
                "invalid_client"));

    List<String> mismatches = new ArrayList<>();
    for (Case c : cases) {
      String type =
          c.path().contains("oauth") ? "application/x-www-form-urlencoded" : "application/json";
      HttpResponse<String> response = send(c.method(), c.path(), c.token(), c.body(), type);
      String code = codeOf(c.path(), response.body());
      if (response.statusCode() != c.status() || !c.code().equals(code)) {
        mismatches.add(
            c.name()
                + ": expected "
                + c.status()
                + " "
                + c.code()
                + ", got "
                + response.statusCode()
                + " "
                + response.body());
      }
      if (response.statusCode() == 401) {
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(c.name()).isPresent();
      }
    }
    assertThat(mismatches).isEmpty();

    // The holders of valid tokens still get their answers.
    assertThat(send("GET", "api/v1/dashboard", organizer, null, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "api/v1/sql", dataTeam, "SELECT 1", "text/plain").statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "iceberg/v1/config", dataTeam, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aLongStatementTakesItsSlotButNotTheServiceAndCurlsFormBodiesAreSql() throws Exception {
    long begun = System.nanoTime();
    CompletableFuture<HttpResponse<String>> slow =
        sendAsync("POST", "api/v1/sql", dataTeam, SLOW_SQL, "text/plain");

    // The one slot is taken: another statement is refused at once, not queued.
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                send("POST", "api/v1/sql", dataTeam, "SELECT 1", "text/plain").statusCode() == 429);
    HttpResponse<String> busy = send("POST", "api/v1/sql", dataTeam, "SELECT 1", "text/plain");
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(busy.body()).path("code").asText()).isEqualTo("too_many_statements");
    assertThat(busy.headers().firstValue("Retry-After")).contains("1");

    // Meanwhile the dashboard and the Iceberg REST catalog answer promptly.
    long t0 = System.nanoTime();
    assertThat(send("GET", "api/v1/dashboard", organizer, null, null).statusCode()).isEqualTo(200);
    assertThat(
            send("GET", "iceberg/v1/namespaces/tributary/tables/episodes", dataTeam, null, null)
                .statusCode())
        .isEqualTo(200);
    long servedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(slow.isDone()).as("the slow statement is still running").isFalse();
    assertThat(servedMs).isLessThan(1_500);

    HttpResponse<String> cancelled = slow.get();
    assertThat(cancelled.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(cancelled.body()).path("code").asText())
        .isEqualTo("statement_timeout");
    assertThat((System.nanoTime() - begun) / 1_000_000).isBetween(1_900L, 10_000L);

    // curl --data-binary sends application/x-www-form-urlencoded; '%' is SQL, not an escape.
    HttpResponse<String> form =
        send(
            "POST",
            "api/v1/sql",
            dataTeam,
            "SELECT count(*) AS n FROM episodes WHERE site_id LIKE 'aa%'",
            "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
    assertThat(JSON.readTree(form.body()).path("rows").toString()).isEqualTo("[[1]]");
    System.out.printf(
        "security: dashboard + REST table load served in %d ms while a statement held the only"
            + " SQL slot; that statement cancelled after %d ms%n",
        servedMs, (System.nanoTime() - begun) / 1_000_000);
  }

  @Test
  void clientCredentialsGiveAnExpiringBearerTokenAndThePublicDashboardIsOptIn() throws Exception {
    HttpResponse<String> issued =
        send(
            "POST",
            "iceberg/v1/oauth/tokens",
            null,
            "grant_type=client_credentials&client_id=dana&client_secret="
                + dataTeam
                + "&scope=catalog",
            "application/x-www-form-urlencoded");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    JsonNode token = JSON.readTree(issued.body());
    assertThat(token.path("token_type").asText()).isEqualTo("bearer");
    assertThat(token.path("expires_in").asLong()).isEqualTo(3600);
    String access = token.path("access_token").asText();
    assertThat(send("GET", "iceberg/v1/config", access, null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "api/v1/dashboard", null, null, null).statusCode()).isEqualTo(401);

    // HTTP Basic client authentication works too; a malformed header is a 400, not a 500.
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("dana:" + dataTeam).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String header : List.of("Basic " + basic, "Basic %%%not-base64")) {
      HttpResponse<String> viaBasic =
          http.send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "iceberg/v1/oauth/tokens"))
                  .header("Authorization", header)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(viaBasic.statusCode())
          .as(viaBasic.body())
          .isEqualTo(header.contains("%") ? 400 : 200);
    }

    // Tokens are stored hashed: the file never holds one.
    String stored = java.nio.file.Files.readString(dir.resolve("tokens"));
    assertThat(stored).contains("dana").doesNotContain(dataTeam).doesNotContain(access);

    service.close();
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                .withAuth(
                    CatalogAuthConfig.defaults()
                        .withTokensFile(dir.resolve("tokens"))
                        .withPublicDashboard(true)));
    assertThat(send("GET", "api/v1/dashboard", null, null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "api/v1/sites", null, null, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "api/v1/sql", null, "SELECT 1", "text/plain").statusCode())
        .isEqualTo(401);
    // Issued tokens and revocations survive the restart.
    assertThat(send("POST", "api/v1/sql", dataTeam, "SELECT 1", "text/plain").statusCode())
        .isEqualTo(200);
    assertThat(codeOf("api", send("POST", "api/v1/sql", revoked, "SELECT 1", "text/plain").body()))
        .isEqualTo("revoked_token");
  }

  private String issue(String name, String role) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "api/v1/admin/tokens",
            admin,
            "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}",
            "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("token").asText();
  }

  /** Our API: {@code code} for SQL limits, else {@code error}; Iceberg REST: the error type. */
  private static String codeOf(String path, String body) throws Exception {
    JsonNode json = JSON.readTree(body);
    if (path.startsWith("iceberg/") && json.path("error").isObject()) {
      return json.path("error").path("type").asText();
    }
    return json.has("code") ? json.path("code").asText() : json.path("error").asText();
  }

  private HttpResponse<String> send(
      String method, String path, String token, String body, String contentType) throws Exception {
    return sendAsync(method, path, token, body, contentType).get();
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(
      String method, String path, String token, String body, String contentType) {
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
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
