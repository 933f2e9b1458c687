package dev.tributary.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.spool.Codecs;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledChunk;
import dev.tributary.recorder.testing.Episodes;
import dev.tributary.recorder.testing.FakeGateway;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending chunks of an episode go several per request ({@code POST .../chunks}). */
class ChunkBatchingTest {
  private static final String SITE = UploaderFixture.SITE;
  private static final UploaderConfig FAST = UploaderFixture.FAST;

  @TempDir Path root;
  private UploaderFixture fixture;
  private FakeGateway gateway;
  private List<Uploader> uploaders;

  @BeforeEach
  void startGateway() throws Exception {
    fixture = UploaderFixture.start();
    gateway = fixture.gateway;
    uploaders = fixture.uploaders;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void upload(Spool spool, UploaderConfig config) {
    fixture.uploader(spool, config);
  }

  private static void awaitState(Spool spool, String id, EpisodeState state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> spool.ledger(id).state() == state);
  }

  private Map<String, Long> chunkEventsByKey() {
    return gateway.accepted().stream()
        .filter(a -> a.kind().equals("chunk"))
        .collect(Collectors.groupingBy(FakeGateway.Accepted::logicalKey, Collectors.counting()));
  }

  private void assertArrivedWhole(Spool spool, String id, int chunks) throws Exception {
    assertThat(gateway.isComplete(id)).isTrue();
    assertThat(gateway.chunks(id)).hasSize(chunks);
    assertThat(JointContentHash.of(gateway.chunks(id)))
        .isEqualTo(gateway.commit(id).getContentSha256().toString());
    assertThat(chunkEventsByKey()).hasSize(chunks).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void tenPendingChunksGoInRequestsOfAtMostFourAndEachArrivesOnce() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 10, 30);

    upload(spool, FAST.withChunkBatches(4, 1 << 20));
    awaitState(spool, id, EpisodeState.ACKNOWLEDGED);

    assertThat(gateway.batchRequests()).isEqualTo(3); // 4 + 4 + 2
    assertArrivedWhole(spool, id, 10);
  }

  @Test
  void oneChunkPerRequestUsesOnlyTheSingleChunkRoute() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 5, 30);

    upload(spool, FAST.withChunkBatches(1, 1 << 20));
    awaitState(spool, id, EpisodeState.ACKNOWLEDGED);

    assertThat(gateway.batchRequests()).isZero();
    assertArrivedWhole(spool, id, 5);
  }

  @Test
  void aFailedBatchIsSentAgainWholeWithoutDuplicates() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 6, 30);
    // The manifest goes through, then the first batch fails twice and is retried.
    gateway.acceptOnly(1);
    upload(spool, FAST.withChunkBatches(32, 1 << 20));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> uploaders.get(0).activity().values().stream().anyMatch(a -> a.retrying()));
    assertThat(spool.ledger(id).chunksAcked()).isEmpty();
    gateway.failNext(2, 503, null);
    gateway.acceptAll();

    awaitState(spool, id, EpisodeState.ACKNOWLEDGED);
    assertThat(gateway.batchRequests()).isEqualTo(1);
    assertArrivedWhole(spool, id, 6);
  }

  @Test
  void aGatewayWithoutTheBatchRouteGetsTheChunksOneByOne() throws Exception {
    gateway.batchRoute(false);
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 7, 30);

    upload(spool, FAST);
    awaitState(spool, id, EpisodeState.ACKNOWLEDGED);

    assertThat(gateway.batchRequests()).isZero();
    assertArrivedWhole(spool, id, 7);
  }

  @Test
  void aRejectedBatchFailsTheEpisodeWithTheGatewaysReason() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String bad = Episodes.write(spool, SITE, 3, 30);
    gateway.acceptOnly(1); // the manifest
    upload(spool, FAST);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> uploaders.get(0).activity().values().stream().anyMatch(a -> a.retrying()));
    gateway.rejectEpisode(bad, "non_monotonic_timestamps");
    gateway.acceptAll();

    awaitState(spool, bad, EpisodeState.FAILED);
    assertThat(spool.ledger(bad).failureReason())
        .contains("chunks 0..2")
        .contains("422")
        .contains("non_monotonic_timestamps");
    assertThat(spool.ledger(bad).chunksAcked()).isEmpty();
  }

  @Test
  void theBatcherKeepsToTheByteLimitAndSendsAnOversizedChunkAlone() {
    String id = java.util.UUID.randomUUID().toString();
    List<JointChunk> chunks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chunks.add(Episodes.chunk(id, i, i == 3 ? 300 : 30));
    }
    int small = Codecs.CHUNK.encode(chunks.get(0)).length;
    int large = Codecs.CHUNK.encode(chunks.get(3)).length;
    List<SpooledChunk> spooled =
        chunks.stream()
            .map(c -> new SpooledChunk(c.getSequence(), Codecs.CHUNK.encode(c)))
            .toList();
    ChunkBatcher batcher = new ChunkBatcher(spooled, 10, 2L * small + small / 2);
    List<List<Integer>> batches = new ArrayList<>();
    while (batcher.hasNext()) {
      ChunkBatcher.Batch batch = batcher.next();
      batches.add(batch.chunks().stream().map(SpooledChunk::sequence).toList());
      java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
      batch.chunks().forEach(c -> expected.writeBytes(c.bytes()));
      assertThat(batch.body()).isEqualTo(expected.toByteArray());
    }
    assertThat(large).isGreaterThan(2 * small + small / 2);
    assertThat(batches).containsExactly(List.of(0, 1), List.of(2), List.of(3), List.of(4, 5));
  }
}
