package dev.tributary.curation.config;

import dev.tributary.schema.config.Configs;
import dev.tributary.schema.config.Default;
import dev.tributary.schema.table.LakeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the curation pipeline needs to run. Each component's default sits next to it ({@link
 * Default}); a config file names the components in kebab case ({@code commit-interval}, nested:
 * {@code object-store.endpoint}). Construction never fails; {@link #validate()} (called by {@code
 * CurationPipeline.start}) says in one line what is wrong and how to fix it.
 *
 * <p><b>Why one record of ~380 lines.</b> It is the pipeline's whole configuration surface: one
 * component per setting, each documented here (the config file's reference), plus the one {@link
 * #validate()} that checks them together. Most of its lines are that documentation.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param kafka further Kafka client settings passed to the consumer, producer and admin clients as
 *     they are: TLS ({@code security.protocol=SSL}, {@code ssl.truststore.location}) and SASL
 * @param groupId consumer group shared by every pipeline instance
 * @param instanceId this instance's stable name: Kafka client id and static group membership id
 *     ({@code group.instance.id}), so a restarted instance takes its partitions back at once
 * @param lake where the curated Iceberg tables live
 * @param commitInterval how often completed episodes are committed to Iceberg (default 2 s)
 * @param assemblyTimeout how long an incomplete episode may wait for its missing events before it
 *     is quarantined (default 10 min)
 * @param maxBufferedEpisodes incomplete episodes held in memory at most; beyond it the oldest is
 *     quarantined with reason {@code buffer_full} (default 10 000)
 * @param objectStore the S3-compatible store holding the episodes' videos; {@code null} (the
 *     default) means videos are not read and only the joint quality checks run
 * @param videoSampling how many frames of each camera the camera checks decode, and whether they
 *     run at all (they need {@code objectStore})
 * @param storeRetry how an episode whose video store does not answer is retried (default 1 s,
 *     doubling to 30 s); it is held, never decided as unreadable while the store is down
 * @param indexSaveInterval how often the instance owning ingest partition 0 saves the decider's
 *     memory (duplicate indexes, clusters, novelty, length statistics) with the {@code episodes}
 *     snapshot it reflects, so that a start or an assignment loads it and reads only the rows
 *     appended since instead of the whole table (default 15 min; zero: never save). A save blocks
 *     the consumer thread for a few seconds per GB of memory (BENCHMARKS.md); keep it well below
 *     the snapshot expiry age (1 h), or the history since the save is expired and a start scans the
 *     whole table
 *     <p>Longer than our ~300-line guideline: it is one typed record per concern (store, sampling,
 *     retry) with the validation of each next to its fields, so every start-up message sits beside
 *     the key it is about.
 */
public record PipelineConfig(
    String bootstrapServers,
    Map<String, String> kafka,
    @Default(DEFAULT_GROUP_ID) String groupId,
    @Default(DEFAULT_INSTANCE_ID) String instanceId,
    LakeConfig lake,
    @Default("2s") Duration commitInterval,
    @Default("10m") Duration assemblyTimeout,
    @Default("10000") int maxBufferedEpisodes,
    ObjectStore objectStore,
    VideoSampling videoSampling,
    StoreRetry storeRetry,
    @Default("15m") Duration indexSaveInterval) {

  public static final String DEFAULT_GROUP_ID = "tributary-curation";
  public static final String DEFAULT_INSTANCE_ID = "curation-1";

  public PipelineConfig {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  public static PipelineConfig defaults(String bootstrapServers, LakeConfig lake) {
    return Configs.defaults(PipelineConfig.class)
        .withBootstrapServers(bootstrapServers)
        .withLake(lake)
        .withVideoSampling(VideoSampling.defaults())
        .withStoreRetry(StoreRetry.defaults());
  }

  public PipelineConfig withBootstrapServers(String value) {
    return Configs.with(this, "bootstrapServers", value);
  }

  public PipelineConfig withKafka(Map<String, String> value) {
    return Configs.with(this, "kafka", value);
  }

  public PipelineConfig withGroupId(String value) {
    return Configs.with(this, "groupId", value);
  }

  public PipelineConfig withInstanceId(String value) {
    return Configs.with(this, "instanceId", value);
  }

  public PipelineConfig withLake(LakeConfig value) {
    return Configs.with(this, "lake", value);
  }

  public PipelineConfig withCommitInterval(Duration value) {
    return Configs.with(this, "commitInterval", value);
  }

  public PipelineConfig withAssemblyTimeout(Duration value) {
    return Configs.with(this, "assemblyTimeout", value);
  }

  public PipelineConfig withMaxBufferedEpisodes(int value) {
    return Configs.with(this, "maxBufferedEpisodes", value);
  }

  /** Where the episodes' videos are read from; {@code null} turns the camera checks off. */
  public PipelineConfig withObjectStore(ObjectStore value) {
    return Configs.with(this, "objectStore", value);
  }

  public PipelineConfig withVideoSampling(VideoSampling value) {
    return Configs.with(this, "videoSampling", value);
  }

  /** How episodes are retried while the video store does not answer. */
  public PipelineConfig withStoreRetry(StoreRetry value) {
    return Configs.with(this, "storeRetry", value);
  }

  /** How often the decider's memory is saved with its snapshot; zero: never. */
  public PipelineConfig withIndexSaveInterval(Duration value) {
    return Configs.with(this, "indexSaveInterval", value);
  }

  /** Secrets (the object store's keys, SASL settings) hidden. */
  @Override
  public String toString() {
    return Configs.toString(this);
  }

  /**
   * @throws IllegalStateException with a one-line explanation of the first problems found
   */
  public void validate() {
    List<String> problems = new ArrayList<>();
    if (blank(bootstrapServers)) {
      problems.add("bootstrapServers is empty: give the Kafka address, e.g. 127.0.0.1:9092");
    }
    if (blank(groupId)) {
      problems.add("groupId is empty: every pipeline instance must share one consumer group id");
    }
    if (blank(instanceId)) {
      problems.add("instanceId is empty: give each pipeline instance a stable name");
    }
    if (lake == null) {
      problems.add("lake is missing: give a LakeConfig, e.g. LakeConfig.embedded(dataDir)");
    }
    if (commitInterval == null || commitInterval.toMillis() < 100) {
      problems.add("commitInterval must be at least 100 ms (got " + commitInterval + ")");
    }
    if (assemblyTimeout == null || assemblyTimeout.toMillis() < 1000) {
      problems.add("assemblyTimeout must be at least 1 s (got " + assemblyTimeout + ")");
    }
    if (maxBufferedEpisodes < 1) {
      problems.add("maxBufferedEpisodes must be at least 1 (got " + maxBufferedEpisodes + ")");
    }
    if (indexSaveInterval == null
        || indexSaveInterval.isNegative()
        || (!indexSaveInterval.isZero() && indexSaveInterval.toMillis() < 1000)) {
      problems.add(
          "indexSaveInterval must be zero (never save) or at least 1 s (got "
              + indexSaveInterval
              + ")");
    }
    if (objectStore != null) {
      problems.addAll(objectStore.problems());
    }
    if (videoSampling == null) {
      problems.add("videoSampling is missing: use VideoSampling.defaults() or .disabled()");
    } else {
      problems.addAll(videoSampling.problems());
    }
    if (storeRetry == null) {
      problems.add("storeRetry is missing: use StoreRetry.defaults()");
    } else {
      problems.addAll(storeRetry.problems());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid curation pipeline configuration: " + String.join("; ", problems));
    }
  }

  /** True when the camera checks run: videos enabled and an object store to read them from. */
  public boolean readsVideos() {
    return objectStore != null && videoSampling != null && videoSampling.enabled();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * An S3-compatible object store holding the video bucket (the gateway's, read-only here).
   *
   * @param endpoint e.g. {@code http://127.0.0.1:9000}; {@code null} means AWS S3 of {@code region}
   * @param region signing region ({@code us-east-1} for S3-compatible local stores)
   * @param bucket the video bucket (default {@code tributary-videos}, as the gateway's)
   * @param pathStyle {@code http://host/bucket/key} addressing, which S3Proxy and MinIO need
   *     (default true)
   * @param accessKey null with {@code secretKey}: the AWS SDK's default credential chain
   */
  public record ObjectStore(
      URI endpoint,
      @Default(DEFAULT_REGION) String region,
      @Default(DEFAULT_BUCKET) String bucket,
      String accessKey,
      String secretKey,
      @Default("true") boolean pathStyle) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_BUCKET = "tributary-videos";

    /**
     * An S3-compatible store at {@code endpoint}: region us-east-1, the default bucket, path style.
     */
    public static ObjectStore of(URI endpoint, String accessKey, String secretKey) {
      return new ObjectStore(endpoint, DEFAULT_REGION, DEFAULT_BUCKET, accessKey, secretKey, true);
    }

    public ObjectStore withBucket(String value) {
      return new ObjectStore(endpoint, region, value, accessKey, secretKey, pathStyle);
    }

    public ObjectStore withRegion(String value) {
      return new ObjectStore(endpoint, value, bucket, accessKey, secretKey, pathStyle);
    }

    /** Virtual-hosted addressing ({@code http://bucket.host/key}), as AWS S3 prefers. */
    public ObjectStore withVirtualHostedAddressing() {
      return new ObjectStore(endpoint, region, bucket, accessKey, secretKey, false);
    }

    List<String> problems() {
      List<String> out = new ArrayList<>();
      if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
        out.add(
            "objectStore.endpoint "
                + endpoint
                + " is not an absolute URL: give e.g. http://127.0.0.1:9000");
      }
      if (blank(region)) {
        out.add("objectStore.region is empty: use us-east-1 for S3-compatible local stores");
      }
      if (blank(bucket)) {
        out.add(
            "objectStore.bucket is empty: give the gateway's video bucket, e.g. tributary-videos");
      }
      if (blank(accessKey) != blank(secretKey)) {
        out.add(
            "only one of objectStore.accessKey and objectStore.secretKey is set: set both, or"
                + " neither to use the AWS SDK's default credential chain (environment, profile,"
                + " instance role)");
      }
      return out;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
      return Configs.toString(this);
    }
  }

  /**
   * How the camera checks read videos. Each camera's video is downloaded once per episode (to a
   * temporary file, deleted right after), its packet times read without decoding, and {@code
   * framesPerCamera} frames decoded (seeking to keyframes) and scaled down to {@code maxWidth}.
   *
   * @param enabled run the camera checks when an object store is configured (default true)
   * @param framesPerCamera frames decoded per camera, spread evenly (default 8; 4-64)
   * @param maxWidth sampled frames wider than this are scaled down to it (default 128 px; 32-640)
   * @param maxVideoBytes a larger object is not downloaded and gets {@code
   *     video_unreadable:<camera>} (default 1 GiB)
   */
  public record VideoSampling(
      @Default("true") boolean enabled,
      @Default("8") int framesPerCamera,
      @Default("128") int maxWidth,
      @Default("1GiB") long maxVideoBytes) {
    public static final int DEFAULT_FRAMES_PER_CAMERA = 8;
    public static final int DEFAULT_MAX_WIDTH = 128;
    public static final long DEFAULT_MAX_VIDEO_BYTES = 1L << 30;

    public static VideoSampling defaults() {
      return new VideoSampling(
          true, DEFAULT_FRAMES_PER_CAMERA, DEFAULT_MAX_WIDTH, DEFAULT_MAX_VIDEO_BYTES);
    }

    /** Camera checks off even when an object store is configured. */
    public static VideoSampling disabled() {
      return new VideoSampling(
          false, DEFAULT_FRAMES_PER_CAMERA, DEFAULT_MAX_WIDTH, DEFAULT_MAX_VIDEO_BYTES);
    }

    public VideoSampling withFramesPerCamera(int value) {
      return new VideoSampling(enabled, value, maxWidth, maxVideoBytes);
    }

    public VideoSampling withMaxWidth(int value) {
      return new VideoSampling(enabled, framesPerCamera, value, maxVideoBytes);
    }

    public VideoSampling withMaxVideoBytes(long value) {
      return new VideoSampling(enabled, framesPerCamera, maxWidth, value);
    }

    List<String> problems() {
      List<String> out = new ArrayList<>();
      if (framesPerCamera < 4 || framesPerCamera > 64) {
        out.add(
            "videoSampling.framesPerCamera must be 4-64 (got "
                + framesPerCamera
                + "): fewer cannot tell a frozen camera from a pause, more costs decode time");
      }
      if (maxWidth < 32 || maxWidth > 640) {
        out.add("videoSampling.maxWidth must be 32-640 px (got " + maxWidth + ")");
      }
      if (maxVideoBytes < 1) {
        out.add("videoSampling.maxVideoBytes must be positive (got " + maxVideoBytes + ")");
      }
      return out;
    }
  }

  /**
   * How the curation loop retries an episode whose video could not be read because the object store
   * did not answer (down, unreachable, 5xx, 503 SlowDown, timeouts, no bucket, refused
   * credentials). The episode is held, its partition paused, and it is decided again after {@code
   * firstDelay}, then after twice the previous delay, at most {@code maxDelay}, for as long as the
   * outage lasts. One outage = one delay ladder, shared by every held episode: a retry tries them
   * in partition order and stops at the first that still fails.
   *
   * @param firstDelay delay before the first retry (default 1 s; 10 ms - 10 min)
   * @param maxDelay largest delay between retries (default 30 s; {@code >= firstDelay}, <= 1 h)
   */
  public record StoreRetry(@Default("1s") Duration firstDelay, @Default("30s") Duration maxDelay) {
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    public static StoreRetry defaults() {
      return new StoreRetry(DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);
    }

    /** The delay after {@code failedRetries} retries that failed (0: after the first failure). */
    public Duration delayAfter(int failedRetries) {
      long first = firstDelay.toMillis();
      long max = maxDelay.toMillis();
      long delay = first;
      for (int i = 0; i < failedRetries && delay < max; i++) {
        delay *= 2;
      }
      return Duration.ofMillis(Math.min(delay, max));
    }

    List<String> problems() {
      List<String> out = new ArrayList<>();
      if (firstDelay == null
          || firstDelay.toMillis() < 10
          || firstDelay.compareTo(Duration.ofMinutes(10)) > 0) {
        out.add("storeRetry.firstDelay must be 10 ms - 10 min (got " + firstDelay + ")");
      } else if (maxDelay == null
          || maxDelay.compareTo(firstDelay) < 0
          || maxDelay.compareTo(Duration.ofHours(1)) > 0) {
        out.add(
            "storeRetry.maxDelay must be between firstDelay ("
                + firstDelay
                + ") and 1 h (got "
                + maxDelay
                + ")");
      }
      return out;
    }
  }
}
