package dev.tributary.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.sim.SimRigConfig;
import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.Episodes;
import dev.tributary.recorder.testing.FakeGateway;
import dev.tributary.schema.JointContentHash;
import java.nio.file.Files;
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

class UploaderTest {
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

  private Uploader uploader(Spool spool, UploaderConfig config) {
    return fixture.uploader(spool, config);
  }

  private List<String> recordSimulated(Spool spool, int episodes, int cameras) throws Exception {
    SimulatedRig rig =
        new SimulatedRig(
            new SimRigConfig(SITE, "rig", cameras, 64, 48, 10, 30, false, Duration.ofSeconds(1)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < episodes; i++) {
      ids.add(
          rig.record(spool, 1, i, Duration.ofSeconds(3), () -> false).getEpisodeId().toString());
    }
    return ids;
  }

  private static void awaitAcknowledged(Spool spool, List<String> ids) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ids.stream().allMatch(id -> spool.ledger(id).state() == EpisodeState.ACKNOWLEDGED));
  }

  /** Each logical event (episode, kind, key) was received with exactly one content. */
  private void assertNoLogicalDuplicates() {
    Map<String, List<String>> bodies =
        gateway.accepted().stream()
            .collect(
                Collectors.groupingBy(
                    FakeGateway.Accepted::logicalKey,
                    Collectors.mapping(FakeGateway.Accepted::bodySha256, Collectors.toList())));
    bodies.forEach((key, hashes) -> assertThat(hashes.stream().distinct()).as(key).hasSize(1));
  }

  private Map<String, Long> acceptedCountsByKey() {
    return gateway.accepted().stream()
        .collect(Collectors.groupingBy(FakeGateway.Accepted::logicalKey, Collectors.counting()));
  }

  @Test
  void everyEventOfEverySpooledEpisodeArrivesOnceAndTheSpoolIsEmptiedAfterTheCommits()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    List<String> ids = recordSimulated(spool, 3, 1);

    uploader(spool, FAST);
    awaitAcknowledged(spool, ids);

    for (String id : ids) {
      assertThat(gateway.isComplete(id)).as(id).isTrue();
      assertThat(gateway.commit(id).getContentSha256().toString())
          .as("joint values arrive bit-identical")
          .isEqualTo(JointContentHash.of(gateway.chunks(id)))
          .isEqualTo(spool.ledger(id).contentSha256());
      assertThat(gateway.object("sites/lisbon/episodes/" + id + "/observation.images.top.mp4"))
          .isNotEmpty();
    }
    assertThat(acceptedCountsByKey().values()).allMatch(count -> count == 1);
    assertThat(spool.usedBytes()).as("only ledgers remain").isLessThan(10_000);
  }

  @Test
  void aGatewayOutageInTheMiddleIsCaughtUpWithNothingLostOrDuplicated() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    List<String> ids = new ArrayList<>(recordSimulated(spool, 2, 1));
    uploader(spool, FAST);
    awaitAcknowledged(spool, ids);

    gateway.goOffline();
    for (int i = 0; i < 3; i++) {
      ids.add(Episodes.write(spool, SITE, 4, 30));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                uploaders.get(0).activity().values().stream()
                    .anyMatch(Uploader.Activity::retrying));
    gateway.goOnline();

    awaitAcknowledged(spool, ids);
    assertThat(gateway.committedEpisodes()).containsExactlyInAnyOrderElementsOf(ids);
    ids.forEach(id -> assertThat(gateway.isComplete(id)).as(id).isTrue());
    assertNoLogicalDuplicates();
  }

  @Test
  void aRestartedUploaderResumesFromTheLedgerAndResendsNothingAlreadyAcknowledged()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    List<String> ids = recordSimulated(spool, 3, 1);
    gateway.acceptOnly(7);
    Uploader first = uploader(spool, FAST);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                // Every worker waiting to retry: none is between a 202 and its ledger write.
                gateway.accepted().size() == 7
                    && !first.activity().isEmpty()
                    && first.activity().values().stream().allMatch(Uploader.Activity::retrying));
    first.close();

    gateway.acceptAll();
    Spool reopened = Spool.open(root, SpoolConfig.defaults());
    uploader(reopened, FAST);
    awaitAcknowledged(reopened, ids);

    assertThat(acceptedCountsByKey())
        .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    ids.forEach(id -> assertThat(gateway.isComplete(id)).as(id).isTrue());
  }

  @Test
  void retryAfterOnA429IsHonouredBeforeTheNextAttempt() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 1, 30);
    gateway.failNext(1, 429, 1);
    long started = System.nanoTime();

    uploader(spool, FAST);
    awaitAcknowledged(spool, List.of(id));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aPermanentRejectionMarksOnlyThatEpisodeFailedWithTheGatewaysReasonAndIsNotRetried()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String bad = Episodes.write(spool, SITE, 2, 30);
    String good = Episodes.write(spool, SITE, 2, 30);
    gateway.rejectEpisode(bad, "invalid_joint_values");

    uploader(spool, FAST);
    awaitAcknowledged(spool, List.of(good));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> spool.ledger(bad).state() == EpisodeState.FAILED);

    EpisodeLedger ledger = spool.ledger(bad);
    assertThat(ledger.failureReason()).contains("422").contains("invalid_joint_values");
    int requests = gateway.requestCount();
    assertThat(spool.read(bad).chunks()).as("data kept for inspection").hasSize(2);
    Spool reopened = Spool.open(root, SpoolConfig.defaults());
    assertThat(reopened.pendingUploads()).isEmpty();
    assertThat(gateway.requestCount()).isEqualTo(requests);
  }

  @Test
  void aStalledGatewayTimesOutAndTheUploadCompletesOnceItAnswersAgain() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    gateway.stall();
    String id = Episodes.write(spool, SITE, 2, 30);

    Uploader uploader = uploader(spool, FAST.withRequestTimeout(Duration.ofMillis(300)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> uploader.activity().values().stream().anyMatch(Uploader.Activity::retrying));
    gateway.unstall();

    awaitAcknowledged(spool, List.of(id));
    assertNoLogicalDuplicates();
  }

  @Test
  void anExpiredPartUrlIsRefreshedByAskingForPartUrlsAgainWithoutResendingTheManifest()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    List<String> ids = recordSimulated(spool, 1, 1);
    gateway.rejectUploads(true);

    Uploader uploader = uploader(spool, FAST);
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.partUrlRequests() >= 2);
    gateway.rejectUploads(false);

    awaitAcknowledged(spool, ids);
    // The worker forgets the episode just after its ledger says ACKNOWLEDGED.
    await().atMost(Duration.ofSeconds(5)).until(() -> uploader.activity().isEmpty());
    assertThat(gateway.accepted().stream().filter(a -> a.kind().equals("manifest"))).hasSize(1);
    assertNoLogicalDuplicates();
  }

  private static String videoKey(String id) {
    return "sites/lisbon/episodes/" + id + "/observation.images.top.mp4";
  }

  private static long videoSize(Spool spool, String id) throws Exception {
    return Files.size(spool.read(id).videoFiles().get("observation.images.top"));
  }

  @Test
  void aVideoTravelsInPartsOfTheAdvertisedSizeEachSentOnceAndArrivesByteIdentical()
      throws Exception {
    gateway.partSize(1024);
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    List<String> ids = recordSimulated(spool, 2, 1);
    Map<String, byte[]> videos = new java.util.HashMap<>();
    for (String id : ids) {
      videos.put(id, Files.readAllBytes(spool.read(id).videoFiles().get("observation.images.top")));
    }

    uploader(spool, FAST.withPartConcurrency(3));
    awaitAcknowledged(spool, ids);

    for (String id : ids) {
      int parts = (videos.get(id).length + 1023) / 1024;
      assertThat(parts).as("several parts").isGreaterThan(2);
      assertThat(gateway.partsReceived().stream().filter(p -> p.startsWith(videoKey(id))))
          .hasSize(parts)
          .doesNotHaveDuplicates();
      assertThat(gateway.object(videoKey(id))).isEqualTo(videos.get(id));
      assertThat(gateway.isComplete(id)).isTrue();
    }
    assertNoLogicalDuplicates();
  }

  @Test
  void aRestartedUploaderResumesTheSameMultipartUploadAndSendsOnlyTheMissingParts()
      throws Exception {
    gateway.partSize(1024);
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = recordSimulated(spool, 1, 1).get(0);
    int parts = (int) ((videoSize(spool, id) + 1023) / 1024);
    gateway.acceptPartsOnly(2);
    Uploader first = uploader(spool, FAST.withPartConcurrency(1));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                gateway.partsReceived().size() == 2
                    && first.activity().values().stream().anyMatch(Uploader.Activity::retrying));
    first.close();
    Spool reopened = Spool.open(root, SpoolConfig.defaults());
    var held = reopened.ledger(id).videoUploads().get("observation.images.top");
    assertThat(held.uploadId()).isNotNull();
    assertThat(held.partETags()).as("durable after a restart").containsOnlyKeys(1, 2);

    gateway.acceptAllParts();
    uploader(reopened, FAST);
    awaitAcknowledged(reopened, List.of(id));

    assertThat(gateway.partsReceived()).hasSize(parts).doesNotHaveDuplicates();
    assertThat(gateway.partUrlRequests()).as("same upload, fresh URLs").isEqualTo(2);
    assertThat(gateway.isComplete(id)).isTrue();
    assertNoLogicalDuplicates();
  }

  @Test
  void anUploadTheStoreAbortedMeanwhileIsStartedAgainWithAllItsParts() throws Exception {
    gateway.partSize(1024);
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = recordSimulated(spool, 1, 1).get(0);
    int parts = (int) ((videoSize(spool, id) + 1023) / 1024);
    gateway.acceptPartsOnly(2);
    Uploader first = uploader(spool, FAST.withPartConcurrency(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.partsReceived().size() == 2);
    first.close();
    gateway.abortUploads();

    gateway.acceptAllParts();
    Spool reopened = Spool.open(root, SpoolConfig.defaults());
    uploader(reopened, FAST);
    awaitAcknowledged(reopened, List.of(id));

    assertThat(gateway.partsReceived()).hasSize(2 + parts);
    assertThat(gateway.isComplete(id)).isTrue();
  }

  @Test
  void aPartCorruptedInTransitIsRefusedByItsChecksumAndSentAgain() throws Exception {
    gateway.partSize(1024);
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = recordSimulated(spool, 1, 1).get(0);
    byte[] video = Files.readAllBytes(spool.read(id).videoFiles().get("observation.images.top"));
    gateway.corruptNextParts(2);

    uploader(spool, FAST);
    awaitAcknowledged(spool, List.of(id));

    assertThat(gateway.object(videoKey(id))).isEqualTo(video);
    assertThat(gateway.isComplete(id)).isTrue();
  }

  @Test
  void aStoreThatKeepsRefusingTheBytesFailsTheEpisodeWithTheReason() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = recordSimulated(spool, 1, 1).get(0);
    gateway.corruptNextParts(1_000);

    uploader(spool, FAST);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> spool.ledger(id).state() == EpisodeState.FAILED);

    assertThat(spool.ledger(id).failureReason()).contains("BadDigest");
  }

  @Test
  void aRevokedTokenPausesUploadsWithoutFailingTheEpisode() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 1, 30);
    gateway.revokeTokens();

    Uploader uploader = uploader(spool, FAST);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> uploader.activity().containsKey(id) && uploader.activity().get(id).retrying());

    assertThat(uploader.activity().get(id).lastError()).contains("re-enrol");
    assertThat(spool.ledger(id).state()).isNotEqualTo(EpisodeState.FAILED);
    assertThat(Files.exists(root)).isTrue();
  }

  @Test
  void aGatewayThatKeepsAnswering409IsTreatedAsARejectionAfterAFewAttemptsNotRetriedForever()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 1, 30);
    gateway.failNext(1_000, 409, null);

    uploader(spool, FAST);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> spool.ledger(id).state() == EpisodeState.FAILED);

    assertThat(spool.ledger(id).failureReason()).contains("409").contains("5 times in a row");
    assertThat(gateway.requestCount()).isEqualTo(5);
  }

  @Test
  void aSingle409IsRetriedAndTheEpisodeStillArrives() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, SITE, 2, 30);
    gateway.failNext(2, 409, null);

    uploader(spool, FAST);

    awaitAcknowledged(spool, List.of(id));
  }
}
