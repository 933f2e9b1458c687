package dev.tributary.recorder.fleet;

import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.upload.UploaderConfig;
import java.time.Duration;

/**
 * Tunables of a recorder beyond what a simulated site's config names; defaults suit a laptop.
 *
 * @param faults defects the simulator injects (none by default), for curation tests
 */
public record RecorderOptions(
    SpoolConfig spool, UploaderConfig uploader, Duration chunkDuration, SimFaults faults) {
  public static RecorderOptions defaults() {
    return new RecorderOptions(
        SpoolConfig.defaults(), UploaderConfig.defaults(), Duration.ofSeconds(1), SimFaults.none());
  }

  public RecorderOptions withSpool(SpoolConfig value) {
    return new RecorderOptions(value, uploader, chunkDuration, faults);
  }

  public RecorderOptions withUploader(UploaderConfig value) {
    return new RecorderOptions(spool, value, chunkDuration, faults);
  }

  public RecorderOptions withFaults(SimFaults value) {
    return new RecorderOptions(spool, uploader, chunkDuration, value);
  }
}
