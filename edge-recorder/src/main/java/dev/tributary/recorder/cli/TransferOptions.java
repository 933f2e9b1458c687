package dev.tributary.recorder.cli;

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
      names = "--progress-every",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
  Duration progressEvery;
}
