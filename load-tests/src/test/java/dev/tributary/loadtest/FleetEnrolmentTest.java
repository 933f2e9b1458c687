package dev.tributary.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's set-up against a loopback stand-in for the gateway's admin and enrolment routes: a
 * 503 on {@code v1/enroll} (the registry's read-back timed out) is retried with a fresh code; other
 * errors and a 503 that persists fail the set-up with the gateway's answer.
 */
class FleetEnrolmentTest {

  private HttpServer server;
  private final AtomicInteger codes = new AtomicInteger();
  private final AtomicInteger enrolCalls = new AtomicInteger();

  private URI start(int failingEnrolments, int failureStatus) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/admin/v1/sites",
        exchange -> {
          if (exchange.getRequestURI().getPath().endsWith("/enrolment-codes")) {
            answer(exchange, 201, "{\"code\":\"code-" + codes.incrementAndGet() + "\"}");
          } else {
            answer(exchange, 201, "{}");
          }
        });
    server.createContext(
        "/v1/enroll",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (enrolCalls.incrementAndGet() <= failingEnrolments) {
            answer(exchange, failureStatus, "{\"reason\":\"registry_unavailable\"}");
          } else {
            answer(exchange, 200, "{\"token\":\"token-for-" + body.replaceAll("\\W", "") + "\"}");
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aRegistryTimeoutIsRetriedWithAFreshCode() throws IOException {
    URI gateway = start(2, 503);

    Fleet fleet = Fleet.enrol(gateway, "admin", "run", 1, 1, ChunkShape.ARM_6DOF_30HZ, 5, 1);

    assertThat(fleet.rigCount()).isEqualTo(1);
    assertThat(enrolCalls).hasValue(3);
    assertThat(codes).as("one fresh code per attempt").hasValue(3);
  }

  @Test
  void aPersistent503FailsTheSetUpWithTheGatewaysAnswer() throws IOException {
    URI gateway = start(Integer.MAX_VALUE, 503);

    assertThatThrownBy(
            () -> Fleet.enrol(gateway, "admin", "run", 1, 1, ChunkShape.ARM_6DOF_30HZ, 5, 1))
        .hasMessageContaining("answered 503")
        .hasMessageContaining("registry_unavailable");
    assertThat(enrolCalls).hasValue(3);
  }

  @Test
  void otherErrorsAreNotRetried() throws IOException {
    URI gateway = start(Integer.MAX_VALUE, 409);

    assertThatThrownBy(
            () -> Fleet.enrol(gateway, "admin", "run", 1, 1, ChunkShape.ARM_6DOF_30HZ, 5, 1))
        .hasMessageContaining("answered 409");
    assertThat(enrolCalls).hasValue(1);
  }
}
