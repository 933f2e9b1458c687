package dev.tributary.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the gateway needs to start, in one typed record. Built from {@link #defaults()} plus
 * {@code with...} copies; {@link #validate()} is called at start-up and names every problem with a
 * fix.
 *
 * @param host interface to bind; loopback by default
 * @param port HTTP port, 0 for a free one
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param ingestPartitions partitions for the episode-keyed topics when the gateway creates them
 * @param s3Endpoint S3-compatible endpoint (path-style addressing is used)
 * @param s3Region region used for signing
 * @param s3AccessKey object store access key (never given to recorders)
 * @param s3SecretKey object store secret key (never given to recorders)
 * @param videoBucket bucket for episode videos; created if missing
 * @param adminToken bearer token for the admin API
 * @param gatewayId this instance's name, copied into every published event
 * @param presignTtl lifetime of presigned upload URLs
 * @param maxChunkBytes largest accepted body for joint chunks, video references and commits
 * @param maxManifestBytes largest accepted body for manifests
 * @param videoPartSize part size of multipart video uploads advertised to recorders (8-16 MiB)
 * @param eventLoops HTTP server instances, one per Vert.x event loop; connections are spread over
 *     them (default: the number of cores)
 * @param producerLingerMs the Kafka producer's {@code linger.ms}: how long a batch waits for more
 *     records (fuller batches, fewer produce requests, at the cost of that much latency)
 * @param producerCompression the Kafka producer's {@code compression.type}: none, lz4, zstd, snappy
 *     or gzip
 */
public record GatewayConfig(
    String host,
    int port,
    String bootstrapServers,
    int ingestPartitions,
    URI s3Endpoint,
    String s3Region,
    String s3AccessKey,
    String s3SecretKey,
    String videoBucket,
    String adminToken,
    String gatewayId,
    Duration presignTtl,
    int maxChunkBytes,
    int maxManifestBytes,
    long videoPartSize,
    int eventLoops,
    int producerLingerMs,
    String producerCompression) {

  /** Shortest admin token accepted: a guessable admin token would open every site. */
  public static final int MIN_ADMIN_TOKEN_LENGTH = 8;

  /** Default {@code linger.ms}; see BENCHMARKS.md (gateway, joint-chunk throughput) for why. */
  public static final int DEFAULT_PRODUCER_LINGER_MS = 5;

  /** Default {@code compression.type}; see BENCHMARKS.md (gateway, joint-chunk throughput). */
  public static final String DEFAULT_PRODUCER_COMPRESSION = "lz4";

  private static final List<String> COMPRESSIONS = List.of("none", "lz4", "zstd", "snappy", "gzip");

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * Loopback defaults; {@code bootstrapServers}, {@code s3Endpoint}, the S3 credentials and {@code
   * adminToken} must still be set.
   */
  public static GatewayConfig defaults() {
    return new GatewayConfig(
        "127.0.0.1",
        8080,
        null,
        6,
        null,
        "us-east-1",
        null,
        null,
        "tributary-videos",
        null,
        "gw-1",
        Duration.ofMinutes(15),
        4 * 1024 * 1024,
        256 * 1024,
        8L * 1024 * 1024,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        DEFAULT_PRODUCER_LINGER_MS,
        DEFAULT_PRODUCER_COMPRESSION);
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
    if (isBlank(s3AccessKey) || isBlank(s3SecretKey)) {
      out.add("S3 credentials are not set: call withS3Credentials(accessKey, secretKey)");
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
    return with(f -> f.host = value);
  }

  public GatewayConfig withPort(int value) {
    return with(f -> f.port = value);
  }

  public GatewayConfig withBootstrapServers(String value) {
    return with(f -> f.bootstrapServers = value);
  }

  public GatewayConfig withIngestPartitions(int value) {
    return with(f -> f.ingestPartitions = value);
  }

  public GatewayConfig withS3Endpoint(URI value) {
    return with(f -> f.s3Endpoint = value);
  }

  public GatewayConfig withS3Region(String value) {
    return with(f -> f.s3Region = value);
  }

  public GatewayConfig withVideoBucket(String value) {
    return with(f -> f.videoBucket = value);
  }

  public GatewayConfig withAdminToken(String value) {
    return with(f -> f.adminToken = value);
  }

  public GatewayConfig withGatewayId(String value) {
    return with(f -> f.gatewayId = value);
  }

  public GatewayConfig withPresignTtl(Duration value) {
    return with(f -> f.presignTtl = value);
  }

  public GatewayConfig withMaxChunkBytes(int value) {
    return with(f -> f.maxChunkBytes = value);
  }

  public GatewayConfig withMaxManifestBytes(int value) {
    return with(f -> f.maxManifestBytes = value);
  }

  public GatewayConfig withVideoPartSize(long value) {
    return with(f -> f.videoPartSize = value);
  }

  public GatewayConfig withEventLoops(int value) {
    return with(f -> f.eventLoops = value);
  }

  public GatewayConfig withProducerLingerMs(int value) {
    return with(f -> f.producerLingerMs = value);
  }

  public GatewayConfig withProducerCompression(String value) {
    return with(f -> f.producerCompression = value);
  }

  public GatewayConfig withS3Credentials(String accessKey, String secretKey) {
    return with(
        f -> {
          f.s3AccessKey = accessKey;
          f.s3SecretKey = secretKey;
        });
  }

  public GatewayConfig withS3AccessKey(String value) {
    return with(f -> f.s3AccessKey = value);
  }

  public GatewayConfig withS3SecretKey(String value) {
    return with(f -> f.s3SecretKey = value);
  }

  /** A copy with some components changed: the one place that lists every component. */
  private GatewayConfig with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new GatewayConfig(
        f.host,
        f.port,
        f.bootstrapServers,
        f.ingestPartitions,
        f.s3Endpoint,
        f.s3Region,
        f.s3AccessKey,
        f.s3SecretKey,
        f.videoBucket,
        f.adminToken,
        f.gatewayId,
        f.presignTtl,
        f.maxChunkBytes,
        f.maxManifestBytes,
        f.videoPartSize,
        f.eventLoops,
        f.producerLingerMs,
        f.producerCompression);
  }

  /** The mutable components of one copy in progress. */
  private static final class Fields {
    String host;
    int port;
    String bootstrapServers;
    int ingestPartitions;
    URI s3Endpoint;
    String s3Region;
    String s3AccessKey;
    String s3SecretKey;
    String videoBucket;
    String adminToken;
    String gatewayId;
    Duration presignTtl;
    int maxChunkBytes;
    int maxManifestBytes;
    long videoPartSize;
    int eventLoops;
    int producerLingerMs;
    String producerCompression;

    Fields(GatewayConfig c) {
      host = c.host;
      port = c.port;
      bootstrapServers = c.bootstrapServers;
      ingestPartitions = c.ingestPartitions;
      s3Endpoint = c.s3Endpoint;
      s3Region = c.s3Region;
      s3AccessKey = c.s3AccessKey;
      s3SecretKey = c.s3SecretKey;
      videoBucket = c.videoBucket;
      adminToken = c.adminToken;
      gatewayId = c.gatewayId;
      presignTtl = c.presignTtl;
      maxChunkBytes = c.maxChunkBytes;
      maxManifestBytes = c.maxManifestBytes;
      videoPartSize = c.videoPartSize;
      eventLoops = c.eventLoops;
      producerLingerMs = c.producerLingerMs;
      producerCompression = c.producerCompression;
    }
  }

  /** Hides the secrets so the record can be logged. */
  @Override
  public String toString() {
    return "GatewayConfig[host="
        + host
        + ", port="
        + port
        + ", bootstrapServers="
        + bootstrapServers
        + ", ingestPartitions="
        + ingestPartitions
        + ", s3Endpoint="
        + s3Endpoint
        + ", s3Region="
        + s3Region
        + ", videoBucket="
        + videoBucket
        + ", gatewayId="
        + gatewayId
        + ", presignTtl="
        + presignTtl
        + ", maxChunkBytes="
        + maxChunkBytes
        + ", maxManifestBytes="
        + maxManifestBytes
        + ", videoPartSize="
        + videoPartSize
        + ", eventLoops="
        + eventLoops
        + ", producerLingerMs="
        + producerLingerMs
        + ", producerCompression="
        + producerCompression
        + ", credentials and admin token hidden]";
  }
}
