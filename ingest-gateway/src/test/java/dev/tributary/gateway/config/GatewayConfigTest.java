package dev.tributary.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  static GatewayConfig complete() {
    return GatewayConfig.defaults()
        .withBootstrapServers("127.0.0.1:9092")
        .withS3Endpoint(URI.create("http://127.0.0.1:9000"))
        .withS3Credentials("ak", "sk")
        .withAdminToken("a-long-admin-secret");
  }

  @Test
  void defaultsMatchTheDocumentedValues() {
    GatewayConfig d = GatewayConfig.defaults();
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.port()).isEqualTo(8080);
    assertThat(d.ingestPartitions()).isEqualTo(6);
    assertThat(d.s3Region()).isEqualTo("us-east-1");
    assertThat(d.videoBucket()).isEqualTo("tributary-videos");
    assertThat(d.presignTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.maxChunkBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(d.maxManifestBytes()).isEqualTo(256 * 1024);
    assertThat(d.gatewayId()).isEqualTo("gw-1");
    assertThat(d.videoPartSize()).isEqualTo(8L * 1024 * 1024);
    assertThat(d.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(d.producerLingerMs()).isEqualTo(GatewayConfig.DEFAULT_PRODUCER_LINGER_MS);
    assertThat(d.producerCompression()).isEqualTo(GatewayConfig.DEFAULT_PRODUCER_COMPRESSION);
  }

  @Test
  void tuningValuesAreCheckedWithTheirFix() {
    assertThat(complete().withEventLoops(-1).problems()).anyMatch(p -> p.contains("eventLoops"));
    assertThat(complete().withEventLoops(0).eventLoops())
        .as("0 means one per core")
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(complete().withProducerLingerMs(-1).problems())
        .anyMatch(p -> p.contains("producerLingerMs"));
    assertThat(complete().withProducerCompression("brotli").problems())
        .anyMatch(p -> p.contains("producerCompression") && p.contains("zstd"));
    assertThat(
            complete()
                .withEventLoops(4)
                .withProducerLingerMs(10)
                .withProducerCompression("none")
                .problems())
        .isEmpty();
  }

  @Test
  void defaultsAloneNameEveryMissingSettingInOneLine() {
    assertThatThrownBy(() -> GatewayConfig.defaults().validate())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bootstrapServers")
        .hasMessageContaining("s3Endpoint")
        .hasMessageContaining("adminToken")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aCompleteConfigurationIsValid() {
    assertThat(complete().problems()).isEmpty();
  }

  @Test
  void withCopiesChangeOnlyTheirComponent() {
    GatewayConfig c =
        complete().withPort(0).withGatewayId("gw-2").withPresignTtl(Duration.ofMinutes(5));
    assertThat(c.port()).isZero();
    assertThat(c.gatewayId()).isEqualTo("gw-2");
    assertThat(c.presignTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void badValuesAreRefusedWithTheirFix() {
    assertThat(complete().withPort(70000).problems())
        .anyMatch(p -> p.contains("0 for a free port"));
    assertThat(complete().withVideoBucket("Bad_Bucket").problems())
        .anyMatch(p -> p.contains("videoBucket"));
    assertThat(complete().withMaxChunkBytes(10).problems())
        .anyMatch(p -> p.contains("maxChunkBytes"));
    assertThat(complete().withVideoPartSize(5L * 1024 * 1024).problems())
        .anyMatch(p -> p.contains("videoPartSize") && p.contains("8 MiB .. 16 MiB"));
    assertThat(complete().withVideoPartSize(16L * 1024 * 1024).problems()).isEmpty();
    assertThat(complete().withS3Credentials("key", null).problems())
        .anyMatch(
            p -> p.contains("set both, or neither") && p.contains("default credential chain"));
    assertThat(complete().withS3Credentials(null, null).problems())
        .as("no keys: the AWS SDK's default chain")
        .isEmpty();
    assertThat(complete().withS3PublicEndpoint(URI.create("videos.example.org")).problems())
        .anyMatch(p -> p.contains("s3PublicEndpoint"));
  }

  @Test
  void presignedUrlsUseThePublicEndpointWhenOneIsSet() {
    assertThat(complete().presignEndpoint()).isEqualTo(complete().s3Endpoint());
    URI publicUrl = URI.create("https://videos.example.org");
    assertThat(complete().withS3PublicEndpoint(publicUrl).presignEndpoint()).isEqualTo(publicUrl);
  }

  @Test
  void batchLimitsAreCheckedAgainstTheSiteBurst() {
    GatewayLimits d = GatewayLimits.defaults();
    assertThat(d.problems()).isEmpty();
    assertThat(d.maxBatchChunks()).isEqualTo(64);
    assertThat(d.maxBatchBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(d.withSiteRate(1, 3).problems())
        .anyMatch(p -> p.contains("maxBatchChunks 64") && p.contains("siteBurst (3)"));
    assertThat(d.withSiteRate(1, 3).withBatchLimits(1 << 20, 3).problems()).isEmpty();
    assertThat(d.withBatchLimits(10, 8).problems()).anyMatch(p -> p.contains("maxBatchBytes"));
    assertThat(d.withBatchLimits(1 << 20, 0).problems())
        .anyMatch(p -> p.contains("maxBatchChunks"));
  }

  @Test
  void toStringHidesTheSecrets() {
    assertThat(complete().toString()).doesNotContain("a-long-admin-secret").doesNotContain("sk]");
  }

  @Test
  void tlsNeedsBothReadablePemFilesAndForwardedHeadersAreOffUnlessNamed() throws Exception {
    java.nio.file.Path pem = java.nio.file.Files.createTempFile("gateway", ".pem");
    assertThat(complete().tls()).isFalse();
    assertThat(complete().forwardedHeaders()).isEqualTo("none");
    assertThat(complete().withTls(pem, null).problems())
        .anyMatch(p -> p.startsWith("only one of tlsCertPath and tlsKeyPath is set"));
    assertThat(complete().withTls(pem, java.nio.file.Path.of("/nope.pem")).problems())
        .anyMatch(p -> p.contains("/nope.pem is not readable"));
    assertThat(complete().withTls(pem, pem).problems()).isEmpty();
    assertThat(complete().withTls(pem, pem).tls()).isTrue();
    assertThat(
            dev.tributary.schema.config.Configs.with(complete(), "forwardedHeaders", "yes")
                .problems())
        .anyMatch(p -> p.contains("forwardedHeaders 'yes' is not one of [none, forwarded"));
  }
}
