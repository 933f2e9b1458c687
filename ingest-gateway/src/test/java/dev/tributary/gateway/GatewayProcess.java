package dev.tributary.gateway;

import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway in a child JVM, for tests that kill it with SIGKILL. Prints {@code PORT <n>} once it
 * listens, then runs until killed.
 *
 * <p>Arguments: bootstrap servers, S3 endpoint, S3 access key, S3 secret key, admin token.
 */
public final class GatewayProcess {
  private GatewayProcess() {}

  public static void main(String[] args) throws InterruptedException {
    IngestGateway gateway =
        IngestGateway.start(
            GatewayConfig.defaults()
                .withPort(0)
                .withGatewayId("gw-child")
                .withIngestPartitions(2)
                .withBootstrapServers(args[0])
                .withS3Endpoint(URI.create(args[1]))
                .withS3Credentials(args[2], args[3])
                .withAdminToken(args[4]),
            GatewayLimits.defaults().withSiteRate(100_000, 100_000));
    System.out.println("PORT " + gateway.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
