package dev.tributary.recorder.fleet;

import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.upload.UploaderConfig;
import java.time.Duration;

/** Tunables of a recorder beyond what a simulated site's config names; defaults suit a laptop. */
public record RecorderOptions(SpoolConfig spool, UploaderConfig uploader, Duration chunkDuration) {
  public static RecorderOptions defaults() {
    return new RecorderOptions(
        SpoolConfig.defaults(), UploaderConfig.defaults(), Duration.ofSeconds(1));
  }

  public RecorderOptions withSpool(SpoolConfig value) {
    return new RecorderOptions(value, uploader, chunkDuration);
  }

  public RecorderOptions withUploader(UploaderConfig value) {
    return new RecorderOptions(spool, value, chunkDuration);
  }
}
