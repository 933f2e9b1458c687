package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogAuthConfig;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Dashboard sign-in in a real browser (Debian's headless Chromium through Selenium), against a
 * catalog service whose dashboard is not public: the page shows the sign-in form, a wrong token an
 * error, the right one the live numbers (a new episode appears without a reload); the session
 * cookie is out of the page's reach (HttpOnly); revoking the token brings the form back with the
 * reason, and so does signing out. With the public dashboard on, the page shows no form.
 */
class DashboardSignInBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anOrganizerSignsInOnThePageSeesLiveDataAndIsSignedOutWhenTheTokenIsRevoked()
      throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("lake"))) {
      SyntheticCorpus corpus = new SyntheticCorpus(lake.catalog());
      corpus.append(
          List.of(Episode.accepted("aachen", "pick", 1), Episode.accepted("bonn", "pick", 2)));
      try (CatalogService service =
              CatalogService.start(
                  new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                      .withAuth(
                          CatalogAuthConfig.defaults().withTokensFile(dir.resolve("tokens"))));
          DashboardBrowserIT.Browser browser =
              DashboardBrowserIT.Browser.start(dir.resolve("chromium-profile"))) {
        String admin = service.adminToken();
        String organizer = issue(service, admin, "olga", "organizer");

        WebDriver page = browser.open(service.baseUrl());
        browser.markPage();
        awaitShown(page, "signin");
        assertThat(page.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        browser.screenshot(Path.of("target", "dashboard-sign-in.png"));

        signIn(page, "trb_not-a-token");
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () ->
                    assertThat(text(page, "#signin-error"))
                        .contains("Sign-in failed")
                        .contains("token not recognised"));
        assertThat(page.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        signIn(page, organizer);
        awaitLive(page);
        assertThat(page.findElement(By.id("signin")).isDisplayed()).isFalse();
        assertThat(text(page, "#whoami-name")).isEqualTo("olga (organizer)");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> text(page, "#total-episodes").equals("2"));
        assertThat(js(page).executeScript("return document.cookie;"))
            .as("the session cookie is HttpOnly")
            .isEqualTo("");
        // Live: an episode committed now shows up over the event stream, without a reload.
        corpus.append(List.of(Episode.accepted("aachen", "place", 3)));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> text(page, "#total-episodes").equals("3"));
        browser.screenshot(Path.of("target", "dashboard-signed-in.png"));

        // An admin revokes the token: the open stream ends and the page asks for a sign-in.
        HttpResponse<String> revoke =
            send(service, "DELETE", "api/v1/admin/tokens/olga", admin, null);
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        awaitShown(page, "signin");
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () -> assertThat(text(page, "#signin-reason")).contains("'olga' was revoked"));

        // Another organizer signs in, then out.
        signIn(page, issue(service, admin, "otto", "organizer"));
        awaitLive(page);
        assertThat(text(page, "#whoami-name")).isEqualTo("otto (organizer)");
        page.findElement(By.id("signout")).click();
        awaitShown(page, "signin");
        assertThat(page.findElement(By.id("whoami")).isDisplayed()).isFalse();
        assertThat(browser.sameDocument()).as("the page was never reloaded").isTrue();
      }

      // The operator's public read-only mode (`tributary run`): no form, the numbers at once.
      try (CatalogService service =
              CatalogService.start(
                  new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
                      .withAuth(
                          CatalogAuthConfig.defaults()
                              .withTokensFile(dir.resolve("tokens"))
                              .withPublicDashboard(true)));
          DashboardBrowserIT.Browser browser =
              DashboardBrowserIT.Browser.start(dir.resolve("chromium-profile-public"))) {
        WebDriver page = browser.open(service.baseUrl());
        awaitLive(page);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> text(page, "#total-episodes").equals("3"));
        assertThat(page.findElement(By.id("signin")).isDisplayed()).isFalse();
        assertThat(page.findElement(By.id("whoami")).isDisplayed()).isFalse();
      }
    }
  }

  private static void signIn(WebDriver page, String token) {
    var input = page.findElement(By.id("signin-token"));
    input.clear();
    input.sendKeys(token);
    page.findElement(By.cssSelector("#signin-form button")).click();
  }

  private static void awaitShown(WebDriver page, String id) {
    await().atMost(Duration.ofSeconds(30)).until(() -> page.findElement(By.id(id)).isDisplayed());
  }

  private static void awaitLive(WebDriver page) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> page.findElement(By.id("status-dot")).getAttribute("class").contains("live"));
  }

  private static String text(WebDriver page, String selector) {
    return String.valueOf(
        js(page)
            .executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                selector));
  }

  private static JavascriptExecutor js(WebDriver page) {
    return (JavascriptExecutor) page;
  }

  private static String issue(CatalogService service, String admin, String name, String role)
      throws Exception {
    HttpResponse<String> response =
        send(
            service,
            "POST",
            "api/v1/admin/tokens",
            admin,
            "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("token").asText();
  }

  private static HttpResponse<String> send(
      CatalogService service, String method, String path, String token, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
