package dev.tributary.recorder.cli;

import dev.tributary.recorder.upload.UploaderConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Upload pacing and progress options shared by the commands that upload ({@code record}, {@code
 * upload}).
 */
final class TransferOptions {
  @Option(
      names = "--max-upload-rate",
      defaultValue = "0",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "Cap on video upload bandwidth per second, e.g. 2MiB; 0 = no cap (default: ${DEFAULT-VALUE}).")
  long maxUploadRate;

  @Option(
      names = "--chunks-per-request",
      defaultValue = "32",
      paramLabel = "N",
      description =
          "Joint chunks of one episode sent in one request when several are waiting (catching up"
              + " after an outage, an import), at most 1 MiB per request; 1 = one request per"
              + " chunk, 1.."
              + UploaderConfig.MAX_CHUNKS_PER_REQUEST
              + " (default: ${DEFAULT-VALUE}).")
  int chunksPerRequest;

  @Option(
      names = "--progress-every",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
  Duration progressEvery;

  /** The uploader settings these options set, on top of {@code base}. */
  UploaderConfig applyTo(UploaderConfig base) {
    return base.withBandwidthCap(maxUploadRate)
        .withChunkBatches(chunksPerRequest, base.maxChunkBatchBytes());
  }
}
