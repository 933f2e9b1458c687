package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.gateway.IngestGateway;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.recorder.cli.RecorderCli;
import dev.tributary.recorder.fleet.SimulatedSite;
import dev.tributary.recorder.fleet.SimulatedSiteConfig;
import dev.tributary.recorder.upload.CallOutcome;
import dev.tributary.recorder.upload.GatewayClient;
import dev.tributary.recorder.upload.GatewayTrust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end (issue 14's "done means"): a gateway and a catalog service serve HTTPS with a
 * certificate this test makes; the recorder's {@code upload --gateway-ca} verifies it and uploads,
 * the pipeline curates, the catalog answers over HTTPS (HTTP/2 via ALPN); a client trusting another
 * certificate is refused by both.
 */
class TlsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SITE = "tls-site";

  @TempDir Path dir;

  @Test
  void theRecorderUploadsOverHttpsVerifyingTheCertificateAndRefusesAnotherOne() throws Exception {
    SelfSignedCert good = SelfSignedCert.create(dir.resolve("tls"), "good");
    SelfSignedCert other = SelfSignedCert.create(dir.resolve("tls"), "other");

    try (EmbeddedPlatform platform =
            EmbeddedPlatform.start(PlatformConfig.forTests(dir.resolve("data")));
        IngestGateway gateway =
            IngestGateway.start(
                GatewayConfig.defaults()
                    .withPort(0)
                    .withGatewayId("gw-tls")
                    .withBootstrapServers(platform.bootstrapServers())
                    .withIngestPartitions(platform.config().ingestPartitions())
                    .withS3Endpoint(platform.objectStoreUrl())
                    .withS3Credentials(
                        EmbeddedPlatform.S3_ACCESS_KEY, EmbeddedPlatform.S3_SECRET_KEY)
                    .withAdminToken(platform.adminToken())
                    .withTls(good.certPem(), good.keyPem()));
        CatalogService catalog =
            CatalogService.start(
                CatalogServiceConfig.defaults(platform.lake())
                    .withPort(0)
                    .withTls(good.certPem(), good.keyPem()))) {
      assertThat(gateway.baseUrl().getScheme()).isEqualTo("https");
      assertThat(catalog.baseUrl().getScheme()).isEqualTo("https");

      AdminClient admin = new AdminClient(platform.gatewayUrl(), platform.adminToken());
      admin.ensureSite(SITE, "TLS site", "DE");
      String code = admin.enrolmentCode(SITE);

      // A recorder that trusts another certificate is refused before anything is sent.
      GatewayClient wrong =
          new GatewayClient(
              gateway.baseUrl(),
              () -> null,
              Duration.ofSeconds(10),
              null,
              GatewayTrust.fromFile(other.certPem()));
      CallOutcome refused = wrong.enroll(code);
      assertThat(refused).isInstanceOf(CallOutcome.Retry.class);
      assertThat(((CallOutcome.Retry) refused).reason())
          .containsAnyOf("PKIX", "certification path", "certificate", "SSL", "handshake");
      // ... and so is one with only the JVM's default trust store.
      CallOutcome untrusted =
          new GatewayClient(gateway.baseUrl(), () -> null, Duration.ofSeconds(10)).enroll(code);
      assertThat(untrusted).isInstanceOf(CallOutcome.Retry.class);

      // Record two episodes into a spool (no upload), then upload them as a participant would.
      Path spool = dir.resolve("spool");
      try (SimulatedSite site =
          SimulatedSite.start(
              new SimulatedSiteConfig(
                  SITE,
                  null,
                  null,
                  spool,
                  2,
                  Duration.ofSeconds(2),
                  Duration.ZERO,
                  1,
                  64,
                  48,
                  10,
                  50,
                  14L,
                  false))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> site.status().spooled() >= 2);
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          RecorderCli.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "upload",
              "--spool",
              spool.toString(),
              "--gateway",
              gateway.baseUrl().toString(),
              "--gateway-ca",
              good.certPem().toString(),
              "--code",
              code,
              "--progress-every",
              "200ms");
      assertThat(exit).as("upload over https: %s %s", out, err).isZero();

      // The catalog answers over HTTPS, HTTP/2 negotiated by ALPN, once the pipeline curated them.
      HttpClient trusting =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(GatewayTrust.fromFile(good.certPem()))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpRequest sites =
          HttpRequest.newBuilder(catalog.baseUrl().resolve("api/v1/sites"))
              .header("Authorization", "Bearer " + catalog.adminToken())
              .timeout(Duration.ofSeconds(30))
              .build();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> episodes(trusting.send(sites, HttpResponse.BodyHandlers.ofString())) == 2);
      HttpResponse<String> answer = trusting.send(sites, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);

      HttpClient other2 =
          HttpClient.newBuilder().sslContext(GatewayTrust.fromFile(other.certPem())).build();
      assertThatThrownBy(() -> other2.send(sites, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
      URI plain = URI.create("http://127.0.0.1:" + catalog.port() + "/health/live");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  private static int episodes(HttpResponse<String> response) throws Exception {
    if (response.statusCode() != 200) {
      return -1;
    }
    JsonNode body = JSON.readTree(response.body());
    for (JsonNode site : body.path("sites")) {
      if (site.path("siteId").asText().equals(SITE)) {
        return site.path("episodes").asInt();
      }
    }
    return 0;
  }
}
