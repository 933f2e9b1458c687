package dev.tributary.curation.config;

import dev.tributary.schema.table.LakeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the curation pipeline needs to run. Construction never fails; {@link #validate()}
 * (called by {@code CurationPipeline.start}) says in one line what is wrong and how to fix it.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param groupId consumer group shared by every pipeline instance
 * @param instanceId this instance's stable name: Kafka client id and static group membership id
 *     ({@code group.instance.id}), so a restarted instance takes its partitions back at once
 * @param lake where the curated Iceberg tables live
 * @param commitInterval how often completed episodes are committed to Iceberg (default 2 s)
 * @param assemblyTimeout how long an incomplete episode may wait for its missing events before it
 *     is quarantined (default 10 min)
 * @param maxBufferedEpisodes incomplete episodes held in memory at most; beyond it the oldest is
 *     quarantined with reason {@code buffer_full} (default 10 000)
 */
public record PipelineConfig(
    String bootstrapServers,
    String groupId,
    String instanceId,
    LakeConfig lake,
    Duration commitInterval,
    Duration assemblyTimeout,
    int maxBufferedEpisodes) {

  public static final String DEFAULT_GROUP_ID = "tributary-curation";
  public static final String DEFAULT_INSTANCE_ID = "curation-1";
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ASSEMBLY_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_BUFFERED_EPISODES = 10_000;

  public static PipelineConfig defaults(String bootstrapServers, LakeConfig lake) {
    return new PipelineConfig(
        bootstrapServers,
        DEFAULT_GROUP_ID,
        DEFAULT_INSTANCE_ID,
        lake,
        DEFAULT_COMMIT_INTERVAL,
        DEFAULT_ASSEMBLY_TIMEOUT,
        DEFAULT_MAX_BUFFERED_EPISODES);
  }

  public PipelineConfig withBootstrapServers(String value) {
    return new PipelineConfig(
        value, groupId, instanceId, lake, commitInterval, assemblyTimeout, maxBufferedEpisodes);
  }

  public PipelineConfig withGroupId(String value) {
    return new PipelineConfig(
        bootstrapServers,
        value,
        instanceId,
        lake,
        commitInterval,
        assemblyTimeout,
        maxBufferedEpisodes);
  }

  public PipelineConfig withInstanceId(String value) {
    return new PipelineConfig(
        bootstrapServers,
        groupId,
        value,
        lake,
        commitInterval,
        assemblyTimeout,
        maxBufferedEpisodes);
  }

  public PipelineConfig withLake(LakeConfig value) {
    return new PipelineConfig(
        bootstrapServers,
        groupId,
        instanceId,
        value,
        commitInterval,
        assemblyTimeout,
        maxBufferedEpisodes);
  }

  public PipelineConfig withCommitInterval(Duration value) {
    return new PipelineConfig(
        bootstrapServers, groupId, instanceId, lake, value, assemblyTimeout, maxBufferedEpisodes);
  }

  public PipelineConfig withAssemblyTimeout(Duration value) {
    return new PipelineConfig(
        bootstrapServers, groupId, instanceId, lake, commitInterval, value, maxBufferedEpisodes);
  }

  public PipelineConfig withMaxBufferedEpisodes(int value) {
    return new PipelineConfig(
        bootstrapServers, groupId, instanceId, lake, commitInterval, assemblyTimeout, value);
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
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid curation pipeline configuration: " + String.join("; ", problems));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
