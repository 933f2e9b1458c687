package dev.tributary.launcher.service;

import dev.tributary.gateway.IngestGateway;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `tributary gateway`: one ingest gateway instance, configured from a file and the environment. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    header = "Run one ingest gateway (Vert.x HTTP -> Kafka) on its own.",
    description = {
      "Runs one ingest-gateway instance against an existing Kafka cluster and S3 store. Several",
      "instances behind one address act as one (give each its own gateway.gateway-id).",
      "Settings (keys as in ingest-gateway/README.md): gateway.bootstrap-servers, gateway.kafka.*",
      "(TLS/SASL client settings), gateway.s3-endpoint, gateway.s3-public-endpoint,",
      "gateway.admin-token, gateway.limits.*, ... --print-config lists every key with its value."
    })
public final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServiceOptions options;

  /** Settings of the process around the gateway: its limits. */
  public record Process(GatewayLimits limits) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var loaded =
        ServiceRunner.load(
            "gateway",
            options,
            GatewayConfig.class,
            GatewayConfig.defaults(),
            Set.of(),
            Process.class,
            new Process(GatewayLimits.defaults()),
            config -> config.problems(),
            out,
            spec.commandLine().getErr());
    if (loaded == null) {
      return options.printConfig ? 0 : 2;
    }
    GatewayLimits limits = loaded.process().limits();
    var problems = limits.problems();
    if (!problems.isEmpty()) {
      options.report("gateway", java.util.Map.of(), problems, out, spec.commandLine().getErr());
      return 2;
    }
    IngestGateway gateway = IngestGateway.start(loaded.service(), limits);
    out.printf(
        "ingest gateway %s listening on %s (Kafka %s)%n",
        loaded.service().gatewayId(), gateway.baseUrl(), loaded.service().bootstrapServers());
    out.flush();
    ServiceRunner.awaitShutdown("gateway", gateway);
    return 0;
  }
}
