package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.consume.CommitStage;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.IngestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once across restarts and crashes at every stage of a commit, on a broker of its own so
 * that no other test's incomplete episodes pin the restart offsets.
 */
class ExactlyOnceIT extends PipelineITSupport {
  @Test
  void closingAndRestartingWhileEventsFlowKeepsEveryEpisodeExactlyOnce() {
    List<SyntheticEpisode> eps = episodes(24);
    List<IngestEvent> all = new ArrayList<>();
    for (int i = 0; i < eps.size(); i += 4) {
      all.addAll(interleaved(eps.subList(i, i + 4)));
    }
    int third = all.size() / 3;

    CurationPipeline first = start(config);
    clients.publish(all.subList(0, third));
    await()
        .atMost(WAIT)
        .until(() -> first.stats().commits() > 0 && !reader.episodes(site).isEmpty());
    first.close();
    pipelines.remove(first);

    clients.publish(all.subList(third, 2 * third));
    CurationPipeline second = start(config);
    await().atMost(WAIT).until(() -> second.stats().commits() > 0);
    clients.publish(all.subList(2 * third, all.size()));
    second.close();
    pipelines.remove(second);

    start(config);
    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= eps.size());
    assertExactlyOnce(eps);
  }

  @ParameterizedTest
  @EnumSource(CommitStage.class)
  void aCrashAtAnyStageOfACommitLeavesEveryEpisodeExactlyOnceAfterRestart(CommitStage stage) {
    AtomicBoolean armed = new AtomicBoolean();
    CurationPipeline crashing =
        start(
            config,
            reached -> {
              if (armed.get() && reached == stage) {
                throw new IllegalStateException("simulated crash at " + stage);
              }
            });
    List<SyntheticEpisode> early = episodes(5);
    clients.publish(interleaved(early));
    await().atMost(WAIT).until(() -> reader.episodes(site).size() == early.size());

    // Three episodes stay incomplete across the crash: their first events are only in memory.
    List<SyntheticEpisode> spanning = episodes(3);
    List<IngestEvent> spanningFirstHalf = new ArrayList<>();
    List<IngestEvent> spanningRest = new ArrayList<>();
    for (SyntheticEpisode ep : spanning) {
      List<IngestEvent> ev = ep.events();
      spanningFirstHalf.addAll(ev.subList(0, 2));
      spanningRest.addAll(ev.subList(2, ev.size()));
    }
    clients.publish(spanningFirstHalf);
    await().atMost(WAIT).until(() -> crashing.stats().bufferedEpisodes() >= spanning.size());

    armed.set(true);
    List<SyntheticEpisode> late = episodes(4);
    clients.publish(interleaved(late));
    await().atMost(WAIT).until(() -> !crashing.stats().running());
    assertThat(crashing.stats().failure()).contains("simulated crash at " + stage);

    start(config);
    clients.publish(spanningRest);
    List<SyntheticEpisode> everything = new ArrayList<>(early);
    everything.addAll(spanning);
    everything.addAll(late);
    await().atMost(WAIT).until(() -> reader.episodes(site).size() >= everything.size());
    assertExactlyOnce(everything);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clients.verdicts())
                    .containsKeys(
                        everything.stream()
                            .map(SyntheticEpisode::episodeId)
                            .toArray(String[]::new)));
  }
}
