package dev.tributary.recorder.fleet;

import dev.tributary.recorder.sim.RecordingStoppedException;
import dev.tributary.recorder.sim.SimRigConfig;
import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.site.EnrolmentException;
import dev.tributary.recorder.site.SiteEnrolment;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.recorder.upload.GatewayClient;
import dev.tributary.recorder.upload.Uploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one simulated site in-process: enrols if needed, records simulated episodes into the spool,
 * uploads them.
 */
public final class SimulatedSite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedSite.class);

  private final SimulatedSiteConfig config;
  private final RecorderOptions options;
  private final Spool spool;
  private final SimulatedRig rig;
  private final GatewayClient client;
  private final AtomicReference<String> token = new AtomicReference<>();
  private final AtomicReference<Uploader> uploader = new AtomicReference<>();
  private final AtomicReference<String> recordingRefusal = new AtomicReference<>();
  private final AtomicReference<String> enrolmentFailure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread recorderThread;
  private final Thread uploaderThread;

  private SimulatedSite(SimulatedSiteConfig config, RecorderOptions options) throws IOException {
    this.config = config;
    this.options = options;
    this.spool = Spool.open(config.spoolDir(), options.spool());
    this.rig =
        new SimulatedRig(
            new SimRigConfig(
                config.siteId(),
                config.siteId() + "-rig-1",
                config.cameras(),
                config.width(),
                config.height(),
                config.videoFps(),
                config.jointHz(),
                config.realtime(),
                options.chunkDuration()),
            options.faults());
    this.client =
        config.gatewayUrl() == null
            ? null
            : new GatewayClient(
                config.gatewayUrl(),
                token::get,
                options.uploader().requestTimeout(),
                options.uploader().newLimiter());
    this.recorderThread = daemon(this::recordLoop, "site-" + config.siteId() + "-recorder");
    this.uploaderThread = daemon(this::startUploading, "site-" + config.siteId() + "-enrol");
  }

  /** Starts recording and uploading on background daemon threads; returns promptly. */
  public static SimulatedSite start(SimulatedSiteConfig config) {
    return start(config, RecorderOptions.defaults());
  }

  public static SimulatedSite start(SimulatedSiteConfig config, RecorderOptions options) {
    SimulatedSite site;
    try {
      site = new SimulatedSite(config, options);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "site "
              + config.siteId()
              + ": cannot open spool "
              + config.spoolDir()
              + ": "
              + e.getMessage(),
          e);
    }
    site.recorderThread.start();
    if (site.client != null) {
      site.uploaderThread.start();
    }
    return site;
  }

  public String siteId() {
    return config.siteId();
  }

  public RecorderStatus status() {
    Map<String, Uploader.Activity> activity =
        Optional.ofNullable(uploader.get()).map(Uploader::activity).orElse(Map.of());
    int spooled = 0;
    int uploading = 0;
    int acknowledged = 0;
    int retrying = 0;
    for (EpisodeLedger ledger : spool.ledgers()) {
      Uploader.Activity active = activity.get(ledger.episodeId());
      if (ledger.state() == EpisodeState.ACKNOWLEDGED) {
        acknowledged++;
      } else if (ledger.state().isFinal()) {
        continue;
      } else if (active != null && active.retrying()) {
        retrying++;
      } else if (active != null) {
        uploading++;
      } else {
        spooled++;
      }
    }
    return new RecorderStatus(spooled, uploading, acknowledged, retrying);
  }

  /** Every episode whose commit the gateway acknowledged (202), in acknowledgement order. */
  public List<AcknowledgedEpisode> acknowledgedEpisodes() {
    return spool.ledgers().stream()
        .filter(l -> l.state() == EpisodeState.ACKNOWLEDGED)
        .sorted(Comparator.comparingLong(EpisodeLedger::acknowledgedOrder))
        .map(l -> new AcknowledgedEpisode(l.episodeId(), l.sampleCount(), l.contentSha256()))
        .toList();
  }

  /** Episodes the gateway rejected permanently, with its reasons. */
  public List<FailedEpisode> failedEpisodes() {
    return spool.ledgers().stream()
        .filter(l -> l.state() == EpisodeState.FAILED)
        .map(l -> new FailedEpisode(l.episodeId(), l.failureReason()))
        .toList();
  }

  /** Why new recordings are refused right now (spool quota or disk full), if they are. */
  public Optional<String> recordingRefusal() {
    return Optional.ofNullable(recordingRefusal.get());
  }

  /** Why the site could not enrol, if it could not. */
  public Optional<String> enrolmentFailure() {
    return Optional.ofNullable(enrolmentFailure.get());
  }

  public Spool spool() {
    return spool;
  }

  /** Request-body bytes the gateway and object store accepted so far (for bytes/s). */
  public long bytesSent() {
    return client == null ? 0 : client.bytesSent();
  }

  /** Whether the recorder has recorded every configured episode (never, for episodes = 0). */
  public boolean recordingFinished() {
    return !recorderThread.isAlive();
  }

  /**
   * Stops recording and uploading promptly. An episode being recorded is dropped (the simulator
   * records it again from the same seed on the next start); everything spooled stays on disk.
   */
  @Override
  public void close() {
    stopped.countDown();
    uploaderThread.interrupt();
    Uploader current = uploader.getAndSet(null);
    if (current != null) {
      current.close();
    }
    try {
      recorderThread.join(10_000);
      uploaderThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Uploader late = uploader.getAndSet(null);
    if (late != null) {
      late.close();
    }
  }

  private boolean isStopped() {
    return stopped.getCount() == 0;
  }

  private void recordLoop() {
    int index = 0;
    while (!isStopped() && (config.episodes() == 0 || index < config.episodes())) {
      String episodeId = SimulatedRig.episodeId(config.siteId(), config.seed(), index);
      if (spool.contains(episodeId)) {
        index++;
        continue;
      }
      try {
        rig.record(spool, config.seed(), index, config.episodeLength(), this::isStopped);
        recordingRefusal.set(null);
        index++;
        if (!config.pauseBetweenEpisodes().isZero()) {
          waitStopped(config.pauseBetweenEpisodes());
        }
      } catch (SpoolFullException e) {
        if (!e.getMessage().equals(recordingRefusal.getAndSet(e.getMessage()))) {
          LOG.warn("site {}: {}", config.siteId(), e.getMessage());
        }
        waitStopped(Duration.ofSeconds(1));
      } catch (RecordingStoppedException e) {
        LOG.info(
            "site {}: {}; it will be recorded again on the next start",
            config.siteId(),
            e.getMessage());
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error(
            "site {}: recording episode {} failed ({}); the partial episode was dropped, retrying"
                + " in 5 s",
            config.siteId(),
            episodeId,
            e.toString());
        waitStopped(Duration.ofSeconds(5));
      }
    }
  }

  private void startUploading() {
    try {
      String siteToken =
          SiteEnrolment.obtainToken(
              config.spoolDir(), config.siteId(), client, config.enrolmentCode(), this::sleep);
      token.set(siteToken);
      Uploader started = new Uploader(spool, client, options.uploader(), "site-" + config.siteId());
      uploader.set(started);
      if (isStopped()) {
        uploader.set(null);
        return;
      }
      started.start();
    } catch (EnrolmentException e) {
      enrolmentFailure.set(e.getMessage());
      LOG.error(
          "site {}: cannot enrol: {}. Recording continues into the spool; nothing is uploaded"
              + " until the site has a token",
          config.siteId(),
          e.getMessage());
    } catch (InterruptedException e) {
      // closing
    } catch (IOException e) {
      enrolmentFailure.set(e.toString());
      LOG.error("site {}: cannot store the site token: {}", config.siteId(), e.toString());
    }
  }

  private void sleep(Duration delay) throws InterruptedException {
    if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new InterruptedException("site closed");
    }
  }

  private void waitStopped(Duration delay) {
    try {
      stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
