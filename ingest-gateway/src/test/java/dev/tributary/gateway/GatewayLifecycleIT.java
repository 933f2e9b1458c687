package dev.tributary.gateway;

import static dev.tributary.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Start-up errors, limits, protocols and shutdown, each on its own gateway over one stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayLifecycleIT {
  static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);

  @TempDir static Path dir;
  EmbeddedStack stack;

  @BeforeAll
  void start() {
    stack = new EmbeddedStack(dir);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private String openEpisode(GatewayClient client, String token, String siteId) {
    String episodeId = Fixtures.newEpisodeId();
    HttpResponse<String> opened =
        client.put(
            "v1/episodes/" + episodeId,
            token,
            AvroCodec.of(dev.tributary.schema.EpisodeManifest.class)
                .encode(Fixtures.manifest(episodeId, siteId)));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    return episodeId;
  }

  @Test
  void aSiteAboveItsRateGets429WithRetryAfterWhileOtherSitesGoOn() {
    try (IngestGateway gateway =
        IngestGateway.start(
            stack.config(),
            GatewayLimits.defaults().withSiteRate(0.5, 3).withBatchLimits(1 << 20, 3))) {
      GatewayClient client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      String fast = client.enrolNewToken("fast");
      String calm = client.enrolNewToken("calm");
      String episodeId = openEpisode(client, fast, "fast");
      String path = "v1/episodes/" + episodeId + "/chunks/";
      assertThat(
              client
                  .put(path + 0, fast, CHUNK.encode(Fixtures.chunk(episodeId, 0, 5)))
                  .statusCode())
          .isEqualTo(202);
      assertThat(
              client
                  .put(path + 1, fast, CHUNK.encode(Fixtures.chunk(episodeId, 1, 5)))
                  .statusCode())
          .isEqualTo(202);
      HttpResponse<String> limited =
          client.put(path + 2, fast, CHUNK.encode(Fixtures.chunk(episodeId, 2, 5)));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(json(limited).get("error").asText()).isEqualTo("rate_limited");
      assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt))
          .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 2));
      openEpisode(client, calm, "calm");
    }
  }

  @Test
  void closingTheGatewayLosesNoAcknowledgedChunk() throws Exception {
    IngestGateway gateway =
        IngestGateway.start(
            stack.config().withGatewayId("gw-drain"),
            GatewayLimits.defaults().withSiteRate(100_000, 100_000));
    GatewayClient client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
    String token = client.enrolNewToken("drain");
    String episodeId = openEpisode(client, token, "drain");
    CountDownLatch someAnswered = new CountDownLatch(20);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int sequence = 0; sequence < 300; sequence++) {
      HttpRequest request =
          client
              .request("v1/episodes/" + episodeId + "/chunks/" + sequence)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", GatewayClient.AVRO)
              .PUT(
                  HttpRequest.BodyPublishers.ofByteArray(
                      CHUNK.encode(Fixtures.chunk(episodeId, sequence, 50))))
              .build();
      answers.add(
          client
              .http()
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete((r, e) -> someAnswered.countDown()));
    }
    assertThat(someAnswered.await(30, TimeUnit.SECONDS)).isTrue();
    gateway.close();

    Set<Integer> acknowledged = new java.util.TreeSet<>();
    for (int sequence = 0; sequence < answers.size(); sequence++) {
      try {
        HttpResponse<String> answer = answers.get(sequence).get(60, TimeUnit.SECONDS);
        if (answer.statusCode() == 202) {
          acknowledged.add(sequence);
        } else {
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        }
      } catch (java.util.concurrent.ExecutionException refusedOrReset) {
        // Not acknowledged: the recorder would send it again.
      }
    }
    Set<Integer> inKafka =
        stack.ingestEvents().stream()
            .filter(e -> e.getEpisodeId().equals(episodeId))
            .map(IngestEvent::getPayload)
            .filter(JointChunk.class::isInstance)
            .map(p -> ((JointChunk) p).getSequence())
            .collect(Collectors.toSet());
    assertThat(acknowledged).isNotEmpty();
    assertThat(inKafka).containsAll(acknowledged);
  }

  @Test
  void aChunkAboveKafkasDefaultRecordSizeIsAcceptedUpToTheConfiguredLimit() {
    try (IngestGateway gateway =
        IngestGateway.start(
            stack.config().withGatewayId("gw-big").withMaxChunkBytes(4 * 1024 * 1024))) {
      GatewayClient client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      String token = client.enrolNewToken("big");
      String episodeId = openEpisode(client, token, "big");
      byte[] body = CHUNK.encode(Fixtures.chunk(episodeId, 0, 60_000));
      assertThat(body.length).isBetween(2 * 1024 * 1024, 4 * 1024 * 1024);
      HttpResponse<String> answer =
          client.put("v1/episodes/" + episodeId + "/chunks/0", token, body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }
  }

  @Test
  void aRequestThatTakesTooLongIsAnswered503WithRetryAfter() throws Exception {
    try (IngestGateway gateway =
        IngestGateway.start(
            stack.config().withGatewayId("gw-slow"),
            GatewayLimits.defaults().withVideoCheckTimeout(java.time.Duration.ofMillis(20)))) {
      GatewayClient client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      String token = client.enrolNewToken("slow");
      String episodeId = Fixtures.newEpisodeId();
      HttpResponse<String> opened =
          client.put(
              "v1/episodes/" + episodeId,
              token,
              AvroCodec.of(dev.tributary.schema.EpisodeManifest.class)
                  .encode(Fixtures.manifest(episodeId, "slow", "front")));
      assertThat(opened.statusCode()).isEqualTo(202);
      byte[] video = new byte[64 * 1024 * 1024];
      new java.util.Random(5).nextBytes(video);
      String uploadId = VideoParts.upload(client, token, episodeId, "front", video);
      String sha256 =
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(video));
      HttpResponse<String> answer =
          client.put(
              "v1/episodes/" + episodeId + "/videos/front?uploadId=" + uploadId,
              token,
              AvroCodec.of(dev.tributary.schema.VideoSegment.class)
                  .encode(Fixtures.video(episodeId, "slow", "front", video.length, sha256)));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(json(answer).get("error").asText()).isEqualTo("request_timeout");
      assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      assertThat(client.get("health/live", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theGatewayAlsoSpeaksHttp2OverCleartext() {
    try (IngestGateway gateway = IngestGateway.start(stack.config().withGatewayId("gw-h2"))) {
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      GatewayClient client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      HttpResponse<String> live;
      try {
        live =
            h2.send(
                client.request("health/live").GET().build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }

  @Test
  void aTakenPortIsReportedInOneLineWithTheFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> IngestGateway.start(stack.config().withPort(taken.getLocalPort())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(String.valueOf(taken.getLocalPort()))
          .hasMessageContaining("already in use")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void anUnreachableKafkaIsReportedWithTheFix() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                IngestGateway.start(stack.config().withBootstrapServers("127.0.0.1:" + closedPort)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not answer")
        .hasMessageContaining("bootstrapServers");
  }
}
