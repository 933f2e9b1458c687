package dev.tributary.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Organizer calls to the gateway's admin API (docs/protocol.md): sites and enrolment codes. */
public final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI gateway;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public AdminClient(URI gateway, String adminToken) {
    this.gateway = gateway;
    this.adminToken = adminToken;
  }

  /** Creates the site if it does not exist yet (idempotent). */
  public void ensureSite(String siteId, String displayName, String country) {
    post(
        "admin/v1/sites", Map.of("siteId", siteId, "displayName", displayName, "country", country));
  }

  /** Issues a single-use enrolment code for a site. */
  public String enrolmentCode(String siteId) {
    return post("admin/v1/sites/" + siteId + "/enrolment-codes", Map.of("ttlSeconds", 86_400))
        .path("code")
        .asText();
  }

  private JsonNode post(String path, Map<String, ?> body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(gateway.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + adminToken)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "gateway admin call POST /"
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("gateway admin call POST /" + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during POST /" + path, e);
    }
  }
}
