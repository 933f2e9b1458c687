package dev.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL the gateway while a recorder uploads: every chunk answered 202 is in Kafka. */
class SigkillIT {
  static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);

  @TempDir Path dir;

  private static Process startChild(EmbeddedStack stack) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(GatewayProcess.class.getName());
    cmd.add(stack.bootstrapServers());
    cmd.add(stack.s3Endpoint().toString());
    cmd.add(stack.s3AccessKey());
    cmd.add(stack.s3SecretKey());
    cmd.add(EmbeddedStack.ADMIN_TOKEN);
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static int awaitPort(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                  }
                }
                port.completeExceptionally(new IllegalStateException("child exited"));
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
            },
            "child-gateway-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(90, TimeUnit.SECONDS);
  }

  @Test
  void killingTheGatewayMidUploadLosesNoAcknowledgedChunk() throws Exception {
    try (EmbeddedStack stack = new EmbeddedStack(dir)) {
      Process child = startChild(stack);
      try {
        int port = awaitPort(child);
        GatewayClient client =
            new GatewayClient(
                URI.create("http://127.0.0.1:" + port + "/"), EmbeddedStack.ADMIN_TOKEN);
        String token = client.enrolNewToken("crash");
        String episodeId = Fixtures.newEpisodeId();
        HttpResponse<String> opened =
            client.put(
                "v1/episodes/" + episodeId,
                token,
                AvroCodec.of(EpisodeManifest.class).encode(Fixtures.manifest(episodeId, "crash")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);

        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int sequence = 0; sequence < 400; sequence++) {
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
                  .whenComplete((r, e) -> answered.incrementAndGet()));
        }
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(60))
            .until(() -> answered.get() >= 40);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Set<Integer> acknowledged = new TreeSet<>();
        int lost = 0;
        for (int sequence = 0; sequence < answers.size(); sequence++) {
          try {
            HttpResponse<String> answer = answers.get(sequence).get(60, TimeUnit.SECONDS);
            if (answer.statusCode() == 202) {
              acknowledged.add(sequence);
            }
          } catch (ExecutionException connectionLost) {
            lost++;
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
        assertThat(lost).as("requests cut by the kill").isPositive();
        assertThat(inKafka).containsAll(acknowledged);
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
