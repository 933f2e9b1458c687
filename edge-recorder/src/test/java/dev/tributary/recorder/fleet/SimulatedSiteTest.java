package dev.tributary.recorder.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.FakeGateway;
import dev.tributary.recorder.upload.UploaderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedSiteTest {
  @TempDir Path dir;
  private FakeGateway gateway;
  private final List<SimulatedSite> sites = new ArrayList<>();

  @BeforeEach
  void startGateway() throws Exception {
    gateway = FakeGateway.start();
  }

  @AfterEach
  void stop() {
    sites.forEach(SimulatedSite::close);
    gateway.close();
  }

  private SimulatedSiteConfig config(
      String site, String code, Path spool, int episodes, boolean realtime) {
    return new SimulatedSiteConfig(
        site,
        gateway.url(),
        code,
        spool,
        episodes,
        Duration.ofSeconds(2),
        Duration.ZERO,
        1,
        96,
        64,
        10,
        30,
        7,
        realtime);
  }

  private SimulatedSite start(SimulatedSiteConfig config) {
    SimulatedSite site =
        SimulatedSite.start(
            config,
            RecorderOptions.defaults()
                .withUploader(
                    UploaderConfig.defaults()
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))));
    sites.add(site);
    return site;
  }

  private static List<String> expectedIds(String site, long seed, int episodes) {
    return IntStream.range(0, episodes)
        .mapToObj(i -> SimulatedRig.episodeId(site, seed, i))
        .toList();
  }

  @Test
  void aSiteEnrolsStoresItsTokenOwnerOnlyAndDeliversEveryEpisodeItRecords() throws Exception {
    Path spool = dir.resolve("lisbon");
    SimulatedSite site = start(config("lisbon", gateway.issueCode("lisbon"), spool, 3, false));

    await().atMost(Duration.ofSeconds(60)).until(() -> site.acknowledgedEpisodes().size() == 3);

    assertThat(site.siteId()).isEqualTo("lisbon");
    assertThat(site.acknowledgedEpisodes())
        .extracting(AcknowledgedEpisode::episodeId)
        .containsExactlyInAnyOrderElementsOf(expectedIds("lisbon", 7, 3));
    for (AcknowledgedEpisode episode : site.acknowledgedEpisodes()) {
      assertThat(gateway.isComplete(episode.episodeId())).isTrue();
      assertThat(gateway.commit(episode.episodeId()).getContentSha256().toString())
          .isEqualTo(episode.contentSha256());
      assertThat(episode.sampleCount()).isEqualTo(60);
      assertThat(gateway.manifest(episode.episodeId()).getSiteId().toString()).isEqualTo("lisbon");
    }
    assertThat(site.status()).isEqualTo(new RecorderStatus(0, 0, 3, 0));
    Path token = spool.resolve("site-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(token).trim()).startsWith("token-");
  }

  @Test
  void aClosedSiteResumesFromItsSpoolWithoutEnrollingAgainOrRecordingTheSameEpisodeTwice()
      throws Exception {
    Path spool = dir.resolve("porto");
    SimulatedSite first = start(config("porto", gateway.issueCode("porto"), spool, 4, false));
    await().atMost(Duration.ofSeconds(60)).until(() -> first.acknowledgedEpisodes().size() >= 1);
    first.close();

    // The code was single use: a restart must use the stored token.
    SimulatedSite second = start(config("porto", "already-used", spool, 4, false));
    await().atMost(Duration.ofSeconds(60)).until(() -> second.acknowledgedEpisodes().size() == 4);

    assertThat(second.enrolmentFailure()).isEmpty();
    assertThat(gateway.committedEpisodes())
        .containsExactlyInAnyOrderElementsOf(expectedIds("porto", 7, 4));
    var bodiesByKey =
        gateway.accepted().stream()
            .collect(
                Collectors.groupingBy(
                    FakeGateway.Accepted::logicalKey,
                    Collectors.mapping(FakeGateway.Accepted::bodySha256, Collectors.toSet())));
    assertThat(bodiesByKey.values()).allMatch(bodies -> bodies.size() == 1);
  }

  @Test
  void rerunningASiteWithTheSameSeedInAFreshSpoolResendsTheSameEpisodeIdsAndJointContent()
      throws Exception {
    SimulatedSite first =
        start(config("tokyo", gateway.issueCode("tokyo"), dir.resolve("a"), 2, false));
    await().atMost(Duration.ofSeconds(60)).until(() -> first.acknowledgedEpisodes().size() == 2);
    first.close();
    SimulatedSite again =
        start(config("tokyo", gateway.issueCode("tokyo"), dir.resolve("b"), 2, false));
    await().atMost(Duration.ofSeconds(60)).until(() -> again.acknowledgedEpisodes().size() == 2);

    assertThat(again.acknowledgedEpisodes())
        .containsExactlyInAnyOrderElementsOf(first.acknowledgedEpisodes());
    assertThat(gateway.committedEpisodes()).hasSize(2);
  }

  @Test
  void aTinyQuotaRefusesNewRecordingsWithAClearMessageAndKeepsWhatIsSpooled() throws Exception {
    gateway.goOffline();
    SimulatedSite site =
        SimulatedSite.start(
            config("oslo", "code", dir.resolve("oslo"), 5, false),
            RecorderOptions.defaults().withSpool(new SpoolConfig(20_000, 0)));
    sites.add(site);

    await().atMost(Duration.ofSeconds(30)).until(() -> site.recordingRefusal().isPresent());

    assertThat(site.recordingRefusal().get()).contains("quota").contains("waiting for upload");
    int spooled = site.status().spooled();
    assertThat(spooled).isBetween(1, 4);
    assertThat(site.spool().pendingUploads()).hasSize(spooled);
  }

  @Test
  void aRealtimeSiteRecordsInWallClockTimeAndClosesPromptly() throws Exception {
    SimulatedSite site =
        start(config("rome", gateway.issueCode("rome"), dir.resolve("rome"), 0, true));
    await().atMost(Duration.ofSeconds(30)).until(() -> site.acknowledgedEpisodes().size() >= 1);
    long started = System.nanoTime();
    site.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(site.spool().ledgers())
        .noneMatch(l -> l.state() == dev.tributary.recorder.spool.EpisodeState.RECORDING);
  }
}
