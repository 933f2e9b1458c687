package dev.tributary.recorder.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One simulated site.
 *
 * @param gatewayUrl where to upload; null records into the spool only (upload later)
 * @param enrolmentCode used only if no token is stored in the spool dir yet
 * @param episodes episodes to record; 0 = keep recording forever
 * @param realtime pace recording in wall-clock time (true) or record as fast as possible (false)
 */
public record SimulatedSiteConfig(
    String siteId,
    URI gatewayUrl,
    String enrolmentCode,
    Path spoolDir,
    int episodes,
    Duration episodeLength,
    Duration pauseBetweenEpisodes,
    int cameras,
    int width,
    int height,
    int videoFps,
    int jointHz,
    long seed,
    boolean realtime) {

  public SimulatedSiteConfig {
    if (siteId == null || !siteId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "site id must be 1-64 characters of [A-Za-z0-9._-], got '" + siteId + "'");
    }
    if (spoolDir == null) {
      throw new IllegalArgumentException("spool directory is required");
    }
    if (episodes < 0) {
      throw new IllegalArgumentException("episodes must be >= 0 (0 = forever), got " + episodes);
    }
    if (episodeLength == null || episodeLength.toMillis() < 100) {
      throw new IllegalArgumentException(
          "episode length must be at least 100 ms, got " + episodeLength);
    }
    if (pauseBetweenEpisodes == null || pauseBetweenEpisodes.isNegative()) {
      throw new IllegalArgumentException(
          "pause between episodes must be >= 0, got " + pauseBetweenEpisodes);
    }
  }
}
