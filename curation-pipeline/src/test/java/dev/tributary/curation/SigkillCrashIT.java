package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.consume.CommitStage;
import dev.tributary.curation.testing.ChildPipeline;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.IngestEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines in child JVMs killed with SIGKILL inside commits while episodes keep arriving;
 * afterwards every published episode is in the tables exactly once.
 */
class SigkillCrashIT extends PipelineITSupport {
  private static final CommitStage[] STAGES = CommitStage.values();

  private final List<SyntheticEpisode> published = Collections.synchronizedList(new ArrayList<>());
  private final List<ChildPipeline> children = new ArrayList<>();
  private ScheduledExecutorService flow;
  private List<IngestEvent> carried = List.of();

  @AfterEach
  void stopChildren() throws InterruptedException {
    if (flow != null) {
      flow.shutdownNow();
      flow.awaitTermination(30, TimeUnit.SECONDS);
    }
    children.forEach(ChildPipeline::close);
  }

  @Test
  void aPipelineKilledTenTimesInsideCommitsWhileEpisodesFlowWritesEachEpisodeExactlyOnce() {
    startFlow();
    for (int kill = 0; kill < 10; kill++) {
      ChildPipeline child = child("solo");
      child.awaitStage(STAGES[kill % STAGES.length].name(), 1 + kill % 2, WAIT);
      child.kill();
    }
    stopFlow();

    start(config.withInstanceId(instance("solo")));
    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= published.size());
    assertExactlyOnce(published);
  }

  @Test
  void twoInstancesInOneGroupWithOneKilledRepeatedlyWriteEachEpisodeExactlyOnce() {
    startFlow();
    ChildPipeline steady = child("steady");
    steady.awaitStage(CommitStage.VERDICTS_PUBLISHED.name(), 1, WAIT);
    for (int kill = 0; kill < 5; kill++) {
      ChildPipeline victim = child("victim");
      victim.awaitStage(STAGES[kill % STAGES.length].name(), 1 + kill % 2, WAIT);
      victim.kill();
    }
    child("victim");
    stopFlow();

    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= published.size());
    assertExactlyOnce(published);
  }

  private ChildPipeline child(String name) {
    Path log = dataDir.resolve(name + ".log");
    ChildPipeline c =
        ChildPipeline.start(
            kafka.bootstrapServers(),
            dataDir.resolve("lake"),
            config.groupId(),
            instance(name),
            log);
    children.add(c);
    return c;
  }

  private String instance(String name) {
    return config.instanceId() + "-" + name;
  }

  /**
   * Every 50 ms: the second half of the previous episode and the first half of a new one, so
   * episodes are incomplete across kills.
   */
  private void startFlow() {
    flow = Executors.newSingleThreadScheduledExecutor();
    flow.scheduleAtFixedRate(
        () -> {
          SyntheticEpisode ep = episode(60 + random.nextInt(120));
          List<IngestEvent> events = ep.events();
          int half = events.size() / 2;
          List<IngestEvent> batch = new ArrayList<>(carried);
          batch.addAll(events.subList(0, half));
          clients.publish(batch);
          carried = List.copyOf(events.subList(half, events.size()));
          published.add(ep);
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
  }

  private void stopFlow() {
    flow.shutdown();
    try {
      assertThat(flow.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clients.publish(carried);
    carried = List.of();
  }
}
