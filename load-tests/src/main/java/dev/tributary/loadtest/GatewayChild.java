package dev.tributary.loadtest;

import dev.tributary.gateway.IngestGateway;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import java.net.URI;

/**
 * The gateway alone in a child JVM, so that its heap is measured apart from the broker, the object
 * store and the load generator. Prints {@code PORT <n>} once it listens and a {@code HEAP ...} line
 * (see {@link HeapSampler.Sample}) every two seconds; closes gracefully when its stdin closes.
 *
 * <p>Arguments: bootstrap servers, S3 endpoint, S3 access key, S3 secret key, admin token, ingest
 * partitions, and optionally the number of tracked episodes (default {@link
 * GatewayLimits#defaults()}), then the event loops, the producer's linger.ms and compression
 * ({@link GatewayTuning}; defaults of {@link GatewayConfig#defaults()}), then the per-site rate
 * limit in requests (chunks) per second, 0 for the default.
 */
public final class GatewayChild {
  private GatewayChild() {}

  public static void main(String[] args) throws Exception {
    GatewayConfig config =
        GatewayConfig.defaults()
            .withPort(0)
            .withGatewayId("gw-bench")
            .withBootstrapServers(args[0])
            .withS3Endpoint(URI.create(args[1]))
            .withS3Credentials(args[2], args[3])
            .withAdminToken(args[4])
            .withIngestPartitions(Integer.parseInt(args[5]));
    if (args.length > 9) {
      config =
          new GatewayTuning(Integer.parseInt(args[7]), Integer.parseInt(args[8]), args[9])
              .applyTo(config);
    }
    GatewayLimits limits = GatewayLimits.defaults();
    if (args.length > 6) {
      limits = limits.withTrackedEpisodes(Integer.parseInt(args[6]));
    }
    if (args.length > 10 && Double.parseDouble(args[10]) > 0) {
      // A batch of N chunks takes N tokens: the burst holds at least two seconds' worth.
      double rate = Double.parseDouble(args[10]);
      limits =
          limits.withSiteRate(
              rate, (int) Math.min(Integer.MAX_VALUE, Math.max(limits.siteBurst(), 2 * rate)));
    }
    try (IngestGateway gateway = IngestGateway.start(config, limits);
        HeapSampler sampler = new HeapSampler(2000, s -> printLine(s.line()))) {
      printLine("PORT " + gateway.port());
      ParentLink.awaitStdinClosed();
    }
  }

  private static synchronized void printLine(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
