package dev.tributary.loadtest;

import dev.tributary.gateway.config.GatewayConfig;

/**
 * The gateway settings a benchmark may vary: HTTP event loops, and the producer's {@code linger.ms}
 * and {@code compression.type} (which the raw baseline then uses too, so the comparison stays
 * fair).
 */
public record GatewayTuning(int eventLoops, int lingerMs, String compression) {
  /** The gateway's own defaults ({@link GatewayConfig#defaults()}). */
  public static GatewayTuning defaults() {
    GatewayConfig d = GatewayConfig.defaults();
    return new GatewayTuning(d.eventLoops(), d.producerLingerMs(), d.producerCompression());
  }

  /** Each value replaced when given: {@code eventLoops}/{@code lingerMs} < 0 or "" keep it. */
  public GatewayTuning with(int eventLoops, int lingerMs, String compression) {
    return new GatewayTuning(
        eventLoops > 0 ? eventLoops : this.eventLoops,
        lingerMs >= 0 ? lingerMs : this.lingerMs,
        compression == null || compression.isBlank() ? this.compression : compression);
  }

  GatewayConfig applyTo(GatewayConfig config) {
    return config
        .withEventLoops(eventLoops)
        .withProducerLingerMs(lingerMs)
        .withProducerCompression(compression);
  }
}
