package dev.tributary.enginecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator and a data team do with curl against the catalog service (catalog/README.md,
 * "Security" and "SQL on one machine"): issue a token with the admin token, and run SQL through the
 * service's own engine (DuckDB over Iceberg-planned files), the oracle Spark is compared with.
 */
final class CatalogHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  CatalogHttp(URI base) {
    this.base = base;
  }

  /** {@code POST /api/v1/admin/tokens {"name", "role"}}: the new token, shown once. */
  String issueToken(String adminToken, String name, String role) {
    JsonNode answer =
        post(
            "api/v1/admin/tokens",
            adminToken,
            JSON.createObjectNode().put("name", name).put("role", role).toString());
    return answer.path("token").asText();
  }

  /**
   * {@code POST /api/v1/sql}: the rows, each a list of plain Java values (Long, Double, String).
   */
  List<List<Object>> sql(String token, String statement) {
    JsonNode answer = post("api/v1/sql?limit=10000", token, statement);
    if (answer.path("truncated").asBoolean()) {
      throw new IllegalStateException("SQL answer truncated: " + statement);
    }
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      List<Object> values = new ArrayList<>();
      row.forEach(value -> values.add(JSON.convertValue(value, Object.class)));
      rows.add(values);
    }
    return rows;
  }

  /** A one-value answer as a long, e.g. {@code SELECT count(*) ...}. */
  long sqlLong(String token, String statement) {
    return ((Number) sql(token, statement).get(0).get(0)).longValue();
  }

  private JsonNode post(String path, String token, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "POST " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
