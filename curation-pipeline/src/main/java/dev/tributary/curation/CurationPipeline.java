package dev.tributary.curation;

import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.consume.CommitStageListener;
import dev.tributary.curation.consume.CurationLoop;
import dev.tributary.curation.consume.KafkaClientProperties;
import dev.tributary.curation.consume.PipelineMetrics;
import dev.tributary.curation.consume.StatisticsRefresher;
import dev.tributary.curation.iceberg.DerivedTablesWriter;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.quality.CameraQualityChecker;
import dev.tributary.curation.quality.CameraThresholds;
import dev.tributary.curation.quality.EpisodeQualityChecker;
import dev.tributary.curation.quality.JointQualityChecker;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityThresholds;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.curation.video.S3VideoSource;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.curation.video.VideoWarmUp;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The curation pipeline: consumes {@code tributary.ingest.v1}, assembles, validates and
 * deduplicates episodes, and lands them in the curated Iceberg tables exactly once, publishing a
 * verdict per episode. Only wiring and lifecycle live here; see {@link CurationLoop}.
 */
public final class CurationPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CurationPipeline.class);

  private final PipelineConfig config;
  private final LakeTables tables;
  private final CurationLoop loop;
  private final PipelineMetrics metrics;
  private final Thread thread;
  private final AutoCloseable qualityResources;
  private final VideoWarmUp warmUp;
  private StatisticsRefresher statistics;
  private boolean closed;

  /**
   * How often the instance owning ingest partition 0 folds new {@code episodes} rows into the
   * derived tables ({@code site_stats}, {@code corpus_stats}, {@code duplicate_clusters}, {@code
   * quarantine}).
   */
  public static final Duration STATISTICS_INTERVAL = Duration.ofSeconds(10);

  private CurationPipeline(
      PipelineConfig config,
      LakeTables tables,
      CurationLoop loop,
      PipelineMetrics metrics,
      AutoCloseable qualityResources,
      VideoWarmUp warmUp) {
    this.config = config;
    this.tables = tables;
    this.loop = loop;
    this.metrics = metrics;
    this.qualityResources = qualityResources;
    this.warmUp = warmUp;
    this.thread = new Thread(this::awaitWarmUpThenRun, "curation-" + config.instanceId());
  }

  /** The video warm-up is awaited before the first poll: its one-off costs stay off this thread. */
  private void awaitWarmUpThenRun() {
    warmUp.await();
    loop.run();
  }

  /**
   * Creates missing tables and starts the consumer thread; offsets are restored from the Iceberg
   * snapshot summaries when partitions are assigned.
   *
   * @throws IllegalStateException with a one-line explanation when the configuration is invalid or
   *     the catalog or Kafka cannot be reached
   */
  public static CurationPipeline start(PipelineConfig config) {
    return start(config, new SimpleMeterRegistry());
  }

  /**
   * As {@link #start(PipelineConfig)}, registering {@code tributary.curation.*} meters. The quality
   * checks are the joint checks, plus the camera checks when the configuration has an object store
   * and video sampling is enabled ({@link PipelineConfig#readsVideos()}).
   */
  public static CurationPipeline start(PipelineConfig config, MeterRegistry registry) {
    if (config == null) {
      throw new IllegalStateException("curation pipeline configuration is missing");
    }
    config.validate();
    QualityChecker joints = new JointQualityChecker(QualityThresholds.defaults());
    if (!config.readsVideos()) {
      EpisodeDecider decider = new EpisodeDecider(joints);
      return start(
          config, registry, decider, CommitStageListener.none(), () -> {}, VideoWarmUp.none());
    }
    PipelineConfig.VideoSampling sampling = config.videoSampling();
    S3VideoSource videos = S3VideoSource.open(config.objectStore(), sampling.maxVideoBytes());
    EpisodeQualityChecker quality =
        new EpisodeQualityChecker(
            joints,
            new VideoSampler(videos, sampling.framesPerCamera(), sampling.maxWidth()),
            new CameraQualityChecker(CameraThresholds.defaults()));
    LOG.info(
        "camera checks on: {} frames per camera at <= {} px from {}",
        sampling.framesPerCamera(),
        sampling.maxWidth(),
        config.objectStore());
    try {
      // FFmpeg's libraries and the store's client warmed up while the tables open (VideoWarmUp)
      VideoWarmUp warmUp = VideoWarmUp.start(videos, config.instanceId());
      EpisodeDecider decider = new EpisodeDecider(quality);
      return start(config, registry, decider, CommitStageListener.none(), videos, warmUp);
    } catch (RuntimeException e) {
      videos.close();
      throw e;
    }
  }

  /**
   * As {@link #start(PipelineConfig, MeterRegistry)} with explicit quality checks, which read no
   * video (no frame hashes or scene features), and a listener of commit stages (tests use it to
   * crash the pipeline inside a commit).
   */
  public static CurationPipeline start(
      PipelineConfig config,
      MeterRegistry registry,
      QualityChecker quality,
      CommitStageListener listener) {
    return start(
        config, registry, new EpisodeDecider(quality), listener, () -> {}, VideoWarmUp.none());
  }

  private static CurationPipeline start(
      PipelineConfig config,
      MeterRegistry registry,
      EpisodeDecider decider,
      CommitStageListener listener,
      AutoCloseable qualityResources,
      VideoWarmUp warmUp) {
    if (config == null) {
      throw new IllegalStateException("curation pipeline configuration is missing");
    }
    config.validate();
    LakeTables tables = LakeTables.open(config.lake());
    KafkaConsumer<String, byte[]> consumer;
    KafkaProducer<String, byte[]> producer;
    try {
      consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(config));
    } catch (KafkaException e) {
      tables.close();
      throw new IllegalStateException(
          "cannot create the Kafka consumer for "
              + config.bootstrapServers()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      producer = new KafkaProducer<>(KafkaClientProperties.producer(config));
    } catch (KafkaException e) {
      consumer.close();
      tables.close();
      throw new IllegalStateException(
          "cannot create the Kafka producer for "
              + config.bootstrapServers()
              + ": "
              + e.getMessage(),
          e);
    }
    checkIngestTopic(config, consumer, producer, tables);
    PipelineMetrics metrics = new PipelineMetrics(registry);
    CurationLoop loop =
        new CurationLoop(config, consumer, producer, tables, decider, metrics, listener);
    CurationPipeline pipeline =
        new CurationPipeline(config, tables, loop, metrics, qualityResources, warmUp);
    pipeline.thread.start();
    pipeline.statistics =
        StatisticsRefresher.start(
            new DerivedTablesWriter(tables, config.instanceId()),
            loop::ownsFirstPartition,
            config.instanceId(),
            STATISTICS_INTERVAL);
    LOG.info(
        "curation pipeline {} started: group {}, Kafka {}, catalog {}, commit every {} ms",
        config.instanceId(),
        config.groupId(),
        config.bootstrapServers(),
        config.lake().catalogUri(),
        config.commitInterval().toMillis());
    return pipeline;
  }

  /** Fails fast, in one line, when Kafka is unreachable or the ingest topic is missing. */
  private static void checkIngestTopic(
      PipelineConfig config,
      KafkaConsumer<String, byte[]> consumer,
      KafkaProducer<String, byte[]> producer,
      LakeTables tables) {
    String problem = null;
    try {
      List<PartitionInfo> partitions =
          consumer.partitionsFor(Topics.INGEST.name(), Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        problem =
            "Kafka topic "
                + Topics.INGEST.name()
                + " does not exist at "
                + config.bootstrapServers()
                + ": create the platform's topics first (TopicInstaller.ensure)";
      }
    } catch (KafkaException e) {
      problem =
          "Kafka at "
              + config.bootstrapServers()
              + " did not answer within 30 s ("
              + e.getClass().getSimpleName()
              + "): check the address and that the broker runs";
    }
    if (problem != null) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      producer.close(Duration.ZERO);
      tables.close();
      throw new IllegalStateException(problem);
    }
  }

  public PipelineStats stats() {
    long accepted =
        metrics.verdicts(VerdictStatus.ACCEPTED)
            + metrics.verdicts(VerdictStatus.ACCEPTED_WITH_FLAGS);
    long duplicates = metrics.verdicts(VerdictStatus.DUPLICATE);
    long rejected = metrics.verdicts(VerdictStatus.REJECTED);
    return new PipelineStats(
        metrics.events(),
        accepted + duplicates + rejected,
        accepted,
        duplicates,
        rejected,
        metrics.verdicts(VerdictStatus.QUARANTINED),
        metrics.deadLetters(),
        metrics.redelivered(),
        metrics.buffered(),
        metrics.commits(),
        metrics.lastCommit(),
        loop.alive(),
        loop.failure());
  }

  public PipelineConfig config() {
    return config;
  }

  /**
   * CPU of the video warm-up's own thread ({@link VideoWarmUp}); 0 without video, -1 ns running.
   */
  public Duration videoWarmUpCpu() {
    return Duration.ofNanos(warmUp.cpuNanos());
  }

  /** Stops consuming, commits what is complete, closes the Kafka clients and the catalog. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.stop();
    try {
      thread.join(Duration.ofMinutes(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("curation thread of {} did not stop within 2 minutes", config.instanceId());
    }
    if (statistics != null) {
      statistics.close();
    }
    tables.close();
    try {
      qualityResources.close();
    } catch (Exception e) {
      LOG.warn("closing the video source of {} failed: {}", config.instanceId(), e.toString());
    }
    LOG.info("curation pipeline {} stopped: {}", config.instanceId(), stats());
  }
}
