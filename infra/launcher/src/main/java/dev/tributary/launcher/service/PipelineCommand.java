package dev.tributary.launcher.service;

import dev.tributary.curation.CurationPipeline;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.metrics.MetricsEndpoint;
import dev.tributary.schema.config.Default;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `tributary pipeline`: one curation-pipeline instance of the shared consumer group. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    subcommands = SaveIndexCommand.class,
    header = "Run one curation pipeline instance on its own.",
    description = {
      "Runs one curation-pipeline instance: it joins the consumer group",
      "(pipeline.group-id) and takes a share of the ingest topic's partitions.",
      "Give every instance its own pipeline.instance-id. Settings:",
      "pipeline.bootstrap-servers, pipeline.kafka.*, pipeline.lake.catalog-uri",
      "(jdbc:postgresql://... or jdbc:sqlite:...), pipeline.lake.warehouse",
      "(s3://bucket/path or file:...), pipeline.lake.extra-properties.* (Iceberg",
      "catalog and S3FileIO properties), pipeline.object-store.*,",
      "pipeline.metrics-port, ... --print-config lists every key with its value.",
      "`pipeline save-index` saves the duplicate indexes once and exits."
    })
public final class PipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServiceOptions options;

  /** Settings of the process around the pipeline: where its metrics are served. */
  public record Process(
      @Default("127.0.0.1") String metricsHost, @Default("9464") int metricsPort) {}

  /** The pipeline's settings (file, environment, --set), or null after printing or problems. */
  static ServiceRunner.Loaded<PipelineConfig, Process> load(
      ServiceOptions options, CommandSpec spec) {
    return ServiceRunner.load(
        "pipeline",
        options,
        PipelineConfig.class,
        PipelineConfig.defaults(null, LakeConfig.embedded(Path.of(".tributary"))),
        Set.of(),
        Process.class,
        dev.tributary.schema.config.Configs.defaults(Process.class),
        ServiceRunner::problemsOf,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var loaded = load(options, spec);
    if (loaded == null) {
      return options.printConfig ? 0 : 2;
    }
    Process process = loaded.process();
    MetricsEndpoint metrics = MetricsEndpoint.start(process.metricsHost(), process.metricsPort());
    CurationPipeline pipeline;
    try {
      pipeline = CurationPipeline.start(loaded.service(), metrics.registry());
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    out.printf(
        "curation pipeline %s running in group %s (Kafka %s, catalog %s); metrics on port %d%n",
        loaded.service().instanceId(),
        loaded.service().groupId(),
        loaded.service().bootstrapServers(),
        loaded.service().lake().catalogUri(),
        metrics.port());
    out.flush();
    return ServiceRunner.awaitShutdown(
        "pipeline",
        () -> {
          pipeline.close();
          metrics.close();
        },
        () -> pipeline.stats().stoppedOnItsOwn(),
        spec.commandLine().getErr());
  }
}
