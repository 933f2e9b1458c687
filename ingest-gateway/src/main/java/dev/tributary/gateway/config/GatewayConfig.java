package dev.tributary.gateway.config;

import dev.tributary.schema.config.Configs;
import dev.tributary.schema.config.Default;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the gateway needs to start, in one typed record. Each component's default sits next to
 * it ({@link Default}); a config file names the components in kebab case ({@code
 * bootstrap-servers}). Built from {@link #defaults()} plus {@code with...} copies or by the
 * launcher's config loader; {@link #validate()} is called at start-up and names every problem with
 * a fix.
 *
 * @param host interface to bind; loopback by default
 * @param port HTTP port, 0 for a free one
 * @param tlsCertPath PEM certificate chain (server certificate first); with {@code tlsKeyPath} the
 *     gateway serves HTTPS only (HTTP/2 over ALPN, HTTP/1.1 otherwise); null: plain HTTP
 * @param tlsKeyPath PEM private key (PKCS#8 or PKCS#1) of {@code tlsCertPath}
 * @param forwardedHeaders which proxy headers rewrite the request's scheme, host and client
 *     address: {@code none} (default: a client could forge them), {@code forwarded} (RFC 7239),
 *     {@code x-forwarded} ({@code X-Forwarded-Proto/Host/Port/For}) or {@code all}; set only when
 *     every request arrives through a proxy that overwrites them
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param ingestPartitions partitions for the episode-keyed topics when the gateway creates them
 * @param kafka further Kafka client settings passed to the producer and admin clients as they are:
 *     TLS ({@code security.protocol=SSL}, {@code ssl.truststore.location}, ...) and SASL ({@code
 *     sasl.mechanism=SCRAM-SHA-512}, {@code sasl.jaas.config}, ...)
 * @param s3Endpoint S3-compatible endpoint the gateway talks to
 * @param s3PublicEndpoint the same store as recorders reach it, for the presigned URLs (e.g. a
 *     public hostname in front of a private endpoint); null: {@code s3Endpoint}
 * @param s3PathStyle path-style addressing ({@code host/bucket/key}), which local and MinIO-like
 *     stores need; false for virtual-hosted AWS buckets
 * @param s3Region region used for signing
 * @param s3AccessKey object store access key (never given to recorders); null with {@code
 *     s3SecretKey}: the AWS SDK's default credential chain (environment, profile, instance role)
 * @param s3SecretKey object store secret key (never given to recorders)
 * @param videoBucket bucket for episode videos; created if missing
 * @param adminToken bearer token for the admin API
 * @param gatewayId this instance's name, copied into every published event
 * @param presignTtl lifetime of presigned upload URLs
 * @param maxChunkBytes largest accepted body for joint chunks, video references and commits
 * @param maxManifestBytes largest accepted body for manifests
 * @param videoPartSize part size of multipart video uploads advertised to recorders (8-16 MiB)
 * @param eventLoops HTTP server instances, one per Vert.x event loop; connections are spread over
 *     them (0, the default: the number of cores)
 * @param producerLingerMs the Kafka producer's {@code linger.ms}: how long a batch waits for more
 *     records (fuller batches, fewer produce requests, at the cost of that much latency)
 * @param producerCompression the Kafka producer's {@code compression.type}: none, lz4, zstd, snappy
 *     or gzip
 */
public record GatewayConfig(
    @Default("127.0.0.1") String host,
    @Default("8080") int port,
    Path tlsCertPath,
    Path tlsKeyPath,
    @Default("none") String forwardedHeaders,
    String bootstrapServers,
    Map<String, String> kafka,
    @Default("6") int ingestPartitions,
    URI s3Endpoint,
    URI s3PublicEndpoint,
    @Default("true") boolean s3PathStyle,
    @Default("us-east-1") String s3Region,
    String s3AccessKey,
    String s3SecretKey,
    @Default("tributary-videos") String videoBucket,
    String adminToken,
    @Default("gw-1") String gatewayId,
    @Default("15m") Duration presignTtl,
    @Default("4MiB") int maxChunkBytes,
    @Default("256KiB") int maxManifestBytes,
    @Default("8MiB") long videoPartSize,
    @Default("0") int eventLoops,
    @Default("5") int producerLingerMs,
    @Default("lz4") String producerCompression) {

  /** Shortest admin token accepted: a guessable admin token would open every site. */
  public static final int MIN_ADMIN_TOKEN_LENGTH = 8;

  /** Default {@code linger.ms}; see BENCHMARKS.md (gateway, joint-chunk throughput) for why. */
  public static final int DEFAULT_PRODUCER_LINGER_MS = 5;

  /** Default {@code compression.type}; see BENCHMARKS.md (gateway, joint-chunk throughput). */
  public static final String DEFAULT_PRODUCER_COMPRESSION = "lz4";

  private static final List<String> COMPRESSIONS = List.of("none", "lz4", "zstd", "snappy", "gzip");

  /** Values of {@code forwardedHeaders}. */
  public static final List<String> FORWARDED_HEADERS =
      List.of("none", "forwarded", "x-forwarded", "all");

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public GatewayConfig {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    if (eventLoops == 0) {
      eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    }
  }

  /**
   * Loopback defaults; {@code bootstrapServers}, {@code s3Endpoint} and {@code adminToken} must
   * still be set.
   */
  public static GatewayConfig defaults() {
    return Configs.defaults(GatewayConfig.class);
  }

  /** Where recorders send video parts: the public endpoint when one is set. */
  public URI presignEndpoint() {
    return s3PublicEndpoint != null ? s3PublicEndpoint : s3Endpoint;
  }

  /** Every problem with this configuration, each with the setting to change; empty when valid. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (isBlank(host)) {
      out.add("host is empty: set it to the interface to bind, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      out.add("port " + port + " is out of range: use 1-65535, or 0 for a free port");
    }
    if ((tlsCertPath == null) != (tlsKeyPath == null)) {
      out.add(
          "only one of tlsCertPath and tlsKeyPath is set: set both (PEM certificate chain and its"
              + " private key) for HTTPS, or neither for plain HTTP");
    }
    for (Path pem : new Path[] {tlsCertPath, tlsKeyPath}) {
      if (pem != null && !Files.isReadable(pem)) {
        out.add("TLS file " + pem + " is not readable: give the path of a PEM file");
      }
    }
    if (forwardedHeaders == null || !FORWARDED_HEADERS.contains(forwardedHeaders)) {
      out.add(
          "forwardedHeaders '"
              + forwardedHeaders
              + "' is not one of "
              + FORWARDED_HEADERS
              + ": default none (trust no proxy header)");
    }
    if (isBlank(bootstrapServers)) {
      out.add("bootstrapServers is not set: give the Kafka address, e.g. 127.0.0.1:9092");
    }
    if (ingestPartitions < 1) {
      out.add("ingestPartitions is " + ingestPartitions + ": use at least 1 (default 6)");
    }
    if (s3Endpoint == null || s3Endpoint.getScheme() == null || s3Endpoint.getHost() == null) {
      out.add(
          "s3Endpoint is "
              + s3Endpoint
              + ": give the object store's URL, e.g. http://127.0.0.1:9000");
    }
    if (isBlank(s3Region)) {
      out.add("s3Region is empty: use us-east-1 for S3-compatible local stores");
    }
    if (isBlank(s3AccessKey) != isBlank(s3SecretKey)) {
      out.add(
          "only one of s3AccessKey and s3SecretKey is set: set both, or neither to use the AWS"
              + " SDK's default credential chain (environment, profile, instance role)");
    }
    if (s3PublicEndpoint != null
        && (s3PublicEndpoint.getScheme() == null || s3PublicEndpoint.getHost() == null)) {
      out.add(
          "s3PublicEndpoint is "
              + s3PublicEndpoint
              + ": give the store's URL as recorders reach it, e.g. https://videos.example.org");
    }
    if (videoBucket == null || !BUCKET.matcher(videoBucket).matches()) {
      out.add(
          "videoBucket '"
              + videoBucket
              + "' is not a valid bucket name: use 3-63 lower-case letters, digits, '.' or '-'");
    }
    if (adminToken == null || adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
      out.add(
          "adminToken is missing or shorter than "
              + MIN_ADMIN_TOKEN_LENGTH
              + " characters: set a long random secret (e.g. openssl rand -hex 32)");
    }
    if (isBlank(gatewayId)) {
      out.add("gatewayId is empty: name this instance, e.g. gw-1");
    }
    if (presignTtl == null
        || presignTtl.compareTo(Duration.ofSeconds(30)) < 0
        || presignTtl.compareTo(Duration.ofDays(7)) > 0) {
      out.add(
          "presignTtl "
              + presignTtl
              + " is outside 30 s .. 7 days (the S3 maximum): use e.g. PT15M");
    }
    if (maxChunkBytes < 1024 || maxChunkBytes > 64 * 1024 * 1024) {
      out.add("maxChunkBytes " + maxChunkBytes + " is outside 1 KiB .. 64 MiB: default is 4 MiB");
    }
    if (maxManifestBytes < 1024 || maxManifestBytes > 16 * 1024 * 1024) {
      out.add(
          "maxManifestBytes "
              + maxManifestBytes
              + " is outside 1 KiB .. 16 MiB: default is 256 KiB");
    }
    if (videoPartSize < 8L * 1024 * 1024 || videoPartSize > 16L * 1024 * 1024) {
      out.add(
          "videoPartSize "
              + videoPartSize
              + " is outside 8 MiB .. 16 MiB (the protocol's part sizes): default is 8 MiB");
    }
    if (eventLoops < 1 || eventLoops > 256) {
      out.add(
          "eventLoops "
              + eventLoops
              + " is outside 1 .. 256: use about the number of cores (the default)");
    }
    if (producerLingerMs < 0 || producerLingerMs > 1000) {
      out.add(
          "producerLingerMs "
              + producerLingerMs
              + " is outside 0 .. 1000 ms: default is "
              + DEFAULT_PRODUCER_LINGER_MS);
    }
    if (producerCompression == null || !COMPRESSIONS.contains(producerCompression)) {
      out.add(
          "producerCompression '"
              + producerCompression
              + "' is not one of "
              + COMPRESSIONS
              + ": default is "
              + DEFAULT_PRODUCER_COMPRESSION);
    }
    return out;
  }

  /**
   * @throws IllegalStateException with a one-line message naming every problem and its fix
   */
  public GatewayConfig validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid gateway configuration: " + String.join("; ", problems));
    }
    return this;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public GatewayConfig withHost(String value) {
    return Configs.with(this, "host", value);
  }

  public GatewayConfig withPort(int value) {
    return Configs.with(this, "port", value);
  }

  /** HTTPS with this PEM certificate chain and key; nulls: plain HTTP. */
  public GatewayConfig withTls(Path certPath, Path keyPath) {
    GatewayConfig withCert = Configs.with(this, "tlsCertPath", certPath);
    return Configs.with(withCert, "tlsKeyPath", keyPath);
  }

  /** Whether the gateway serves HTTPS. */
  public boolean tls() {
    return tlsCertPath != null && tlsKeyPath != null;
  }

  public GatewayConfig withBootstrapServers(String value) {
    return Configs.with(this, "bootstrapServers", value);
  }

  public GatewayConfig withKafka(Map<String, String> value) {
    return Configs.with(this, "kafka", value);
  }

  public GatewayConfig withIngestPartitions(int value) {
    return Configs.with(this, "ingestPartitions", value);
  }

  public GatewayConfig withS3Endpoint(URI value) {
    return Configs.with(this, "s3Endpoint", value);
  }

  public GatewayConfig withS3PublicEndpoint(URI value) {
    return Configs.with(this, "s3PublicEndpoint", value);
  }

  public GatewayConfig withS3Region(String value) {
    return Configs.with(this, "s3Region", value);
  }

  public GatewayConfig withVideoBucket(String value) {
    return Configs.with(this, "videoBucket", value);
  }

  public GatewayConfig withAdminToken(String value) {
    return Configs.with(this, "adminToken", value);
  }

  public GatewayConfig withGatewayId(String value) {
    return Configs.with(this, "gatewayId", value);
  }

  public GatewayConfig withPresignTtl(Duration value) {
    return Configs.with(this, "presignTtl", value);
  }

  public GatewayConfig withMaxChunkBytes(int value) {
    return Configs.with(this, "maxChunkBytes", value);
  }

  public GatewayConfig withMaxManifestBytes(int value) {
    return Configs.with(this, "maxManifestBytes", value);
  }

  public GatewayConfig withVideoPartSize(long value) {
    return Configs.with(this, "videoPartSize", value);
  }

  public GatewayConfig withEventLoops(int value) {
    return Configs.with(this, "eventLoops", value);
  }

  public GatewayConfig withProducerLingerMs(int value) {
    return Configs.with(this, "producerLingerMs", value);
  }

  public GatewayConfig withProducerCompression(String value) {
    return Configs.with(this, "producerCompression", value);
  }

  public GatewayConfig withS3Credentials(String accessKey, String secretKey) {
    return Configs.with(Configs.with(this, "s3AccessKey", accessKey), "s3SecretKey", secretKey);
  }

  /** Hides the secrets so the record can be logged. */
  @Override
  public String toString() {
    return Configs.toString(this);
  }
}
