package dev.tributary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A blocking HTTP/1.1 client for tests, speaking the gateway's protocol. */
public final class GatewayClient {
  public static final String AVRO = "application/vnd.tributary.avro";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public GatewayClient(URI base, String adminToken) {
    this.base = base;
    this.adminToken = adminToken;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> admin(String path, String json) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public HttpResponse<String> put(String path, String token, byte[] body) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", AVRO)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** A site call with a JSON body. */
  public HttpResponse<String> postJson(String path, String token, String json) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = request(path).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** Creates the site if needed, issues a code and enrols: answers the site token. */
  public String enrolNewToken(String siteId) {
    admin("admin/v1/sites", "{\"siteId\":\"" + siteId + "\",\"displayName\":\"" + siteId + "\"}");
    String code =
        json(admin("admin/v1/sites/" + siteId + "/enrolment-codes", "{}")).get("code").asText();
    HttpResponse<String> enrolled =
        send(
            request("v1/enroll")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                .build());
    return json(enrolled).get("token").asText();
  }

  public HttpClient http() {
    return http;
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }
}
