package dev.tributary.curation.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpisodeAssemblerTest {
  private final EpisodeAssembler assembler = new EpisodeAssembler(Duration.ofMinutes(10), 100);
  private long offset;

  private Optional<AssembledEpisode> feed(IngestEvent e) {
    return assembler.accept(e, 0, offset++, 0);
  }

  private List<AssembledEpisode> feedAll(List<IngestEvent> events) {
    List<AssembledEpisode> done = new ArrayList<>();
    events.forEach(e -> feed(e).ifPresent(done::add));
    return done;
  }

  @Test
  void anEpisodeSentInOrderCompletesOnItsLastEventAndIsValid() {
    SyntheticEpisode ep = SyntheticEpisode.builder().samples(250).chunkSize(100).build();

    List<AssembledEpisode> done = feedAll(ep.events());

    assertThat(done).hasSize(1);
    AssembledEpisode a = done.get(0);
    assertThat(a.rejections()).isEmpty();
    assertThat(a.joints().chunkCount()).isEqualTo(3);
    assertThat(a.joints().contentSha256()).isEqualTo(ep.commit.getContentSha256());
    assertThat(a.sampleCount()).isEqualTo(250);
    assertThat(a.firstOffset()).isZero();
    assertThat(a.completingOffset()).isEqualTo(ep.events().size() - 1);
    assertThat(assembler.bufferedEpisodes()).isZero();
  }

  @Test
  void eventsInAnyOrderAssembleTheSameEpisode() {
    SyntheticEpisode ep = SyntheticEpisode.builder().samples(500).chunkSize(50).build();
    List<IngestEvent> shuffled = new ArrayList<>(ep.events());
    Collections.shuffle(shuffled, new Random(7));

    List<AssembledEpisode> done = feedAll(shuffled);

    assertThat(done).hasSize(1);
    assertThat(done.get(0).rejections()).isEmpty();
    assertThat(done.get(0).joints().chunkCount()).isEqualTo(10);
    assertThat(done.get(0).joints().monoNanos()).isSorted();
    assertThat(done.get(0).joints().contentSha256()).isEqualTo(ep.commit.getContentSha256());
  }

  @Test
  void identicalReSentChunksAreIgnored() {
    SyntheticEpisode ep = SyntheticEpisode.builder().build();
    List<IngestEvent> events = new ArrayList<>();
    events.add(ep.event(ep.manifest));
    for (JointChunk c : ep.chunks) {
      events.add(ep.event(c));
      events.add(ep.event(c));
    }
    events.add(ep.event(ep.manifest));
    ep.videos.forEach(v -> events.add(ep.event(v)));
    events.add(ep.event(ep.commit));

    List<AssembledEpisode> done = feedAll(events);

    assertThat(done).hasSize(1);
    assertThat(done.get(0).rejections()).isEmpty();
    assertThat(done.get(0).sampleCount()).isEqualTo(ep.sampleCount());
  }

  @Test
  void aConflictingReSendOfAChunkRejectsTheEpisode() {
    SyntheticEpisode ep = SyntheticEpisode.builder().build();
    JointChunk first = ep.chunks.get(0);
    JointChunk altered = JointChunk.newBuilder(first).setFirstSampleIndex(1).build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    events.add(1, ep.event(altered));

    List<AssembledEpisode> done = feedAll(events);

    assertThat(done).hasSize(1);
    assertThat(done.get(0).rejections()).contains("conflicting_chunk:0");
  }

  @Test
  void aMissingChunkKeepsTheEpisodeIncompleteUntilItIsQuarantinedWithTheReason() {
    EpisodeAssembler timed = new EpisodeAssembler(Duration.ofSeconds(5), 100);
    SyntheticEpisode ep = SyntheticEpisode.builder().samples(300).chunkSize(100).build();
    long o = 10;
    for (IngestEvent e : ep.events()) {
      if (e.getPayload() instanceof JointChunk c && c.getSequence() == 1) {
        continue;
      }
      assertThat(timed.accept(e, 3, o++, 1_000)).isEmpty();
    }
    assertThat(timed.lowestPendingOffset(3)).hasValue(10);
    assertThat(timed.expire(5_999)).isEmpty();

    List<QuarantinedEpisode> expired = timed.expire(6_000);

    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).reasons()).containsExactly("assembly_timeout", "missing_chunks:[1]");
    assertThat(expired.get(0).partition()).isEqualTo(3);
    assertThat(timed.bufferedEpisodes()).isZero();
    assertThat(timed.lowestPendingOffset(3)).isEmpty();
  }

  @Test
  void aContentHashThatDoesNotMatchTheChunksRejectsTheEpisode() {
    SyntheticEpisode ep = SyntheticEpisode.builder().build();
    EpisodeCommit wrong =
        EpisodeCommit.newBuilder(ep.commit).setContentSha256("00".repeat(32)).build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    events.set(events.size() - 1, ep.event(wrong));

    List<AssembledEpisode> done = feedAll(events);

    assertThat(done).hasSize(1);
    assertThat(done.get(0).rejections()).containsExactly("content_hash_mismatch");
  }

  @Test
  void aSampleCountThatDoesNotMatchTheChunksRejectsTheEpisode() {
    SyntheticEpisode ep = SyntheticEpisode.builder().samples(200).build();
    EpisodeCommit wrong = EpisodeCommit.newBuilder(ep.commit).setSampleCount(201).build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    events.set(events.size() - 1, ep.event(wrong));

    List<AssembledEpisode> done = feedAll(events);

    assertThat(done.get(0).rejections())
        .containsExactly("sample_count_mismatch:declared=201,received=200");
  }

  @Test
  void anEventFromAnotherSiteRejectsTheEpisode() {
    SyntheticEpisode ep = SyntheticEpisode.builder().siteId("lisbon").build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    IngestEvent chunk = events.get(1);
    events.set(1, IngestEvent.newBuilder(chunk).setSiteId("porto").build());

    List<AssembledEpisode> done = feedAll(events);

    assertThat(done.get(0).rejections()).containsExactly("site_mismatch:lisbon,porto");
  }

  @Test
  void anEpisodeWaitsForTheVideoOfEveryManifestCamera() {
    SyntheticEpisode ep =
        SyntheticEpisode.builder()
            .cameras(List.of("observation.images.front", "observation.images.wrist"))
            .build();
    List<IngestEvent> events = new ArrayList<>(ep.events());
    IngestEvent lastVideo = events.remove(events.size() - 2);

    assertThat(feedAll(events)).isEmpty();
    assertThat(feed(lastVideo)).isPresent();
  }

  @Test
  void theOldestIncompleteEpisodeIsQuarantinedWhenTheBufferIsFull() {
    EpisodeAssembler small = new EpisodeAssembler(Duration.ofMinutes(10), 2);
    List<SyntheticEpisode> eps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SyntheticEpisode ep = SyntheticEpisode.builder().seed(i).build();
      eps.add(ep);
      small.accept(ep.event(ep.manifest), 0, i, 0);
    }

    List<QuarantinedEpisode> evicted = small.expire(0);

    assertThat(evicted)
        .extracting(QuarantinedEpisode::episodeId)
        .containsExactly(eps.get(0).episodeId());
    assertThat(evicted.get(0).reasons()).first().isEqualTo("buffer_full");
    assertThat(small.bufferedEpisodes()).isEqualTo(2);
  }

  @Test
  void droppingAPartitionForgetsOnlyItsEpisodes() {
    SyntheticEpisode a = SyntheticEpisode.builder().seed(1).build();
    SyntheticEpisode b = SyntheticEpisode.builder().seed(2).build();
    assembler.accept(a.event(a.manifest), 0, 5, 0);
    assembler.accept(b.event(b.manifest), 1, 9, 0);

    assertThat(assembler.dropPartition(0)).isEqualTo(1);
    assertThat(assembler.lowestPendingOffset(0)).isEmpty();
    assertThat(assembler.lowestPendingOffset(1)).hasValue(9);
  }
}
