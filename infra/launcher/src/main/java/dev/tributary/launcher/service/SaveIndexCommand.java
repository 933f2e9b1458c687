package dev.tributary.launcher.service;

import dev.tributary.curation.consume.IndexSaveJob;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `tributary pipeline save-index`: the pipelines' periodic memory save, as a job of its own. */
@Command(
    name = "save-index",
    mixinStandardHelpOptions = true,
    header = "Save the curation memory (duplicate indexes) once, then exit.",
    description = {
      "Loads the decider's memory of the episodes table as an assigned pipeline",
      "would (the newest saved memory and the rows appended since, else the whole",
      "table) and saves it with the snapshot it reflects, so that the next start",
      "or assignment reads little of the table.",
      "Run it on a schedule (cron, a Kubernetes CronJob) and set the pipelines'",
      "pipeline.index-save-interval=0s: then no pipeline stops consuming for a",
      "save (14-18 s at 10^6 episodes). It reads the pipeline's settings (the same",
      "--config file and TRIBUTARY_PIPELINE_* variables; it uses pipeline.lake.*)",
      "and needs a pipeline's heap. Exits 0 also when there was nothing to save."
    })
public final class SaveIndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServiceOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var loaded = PipelineCommand.load(options, spec);
    if (loaded == null) {
      return options.printConfig ? 0 : 2;
    }
    long started = System.nanoTime();
    IndexSaveJob.Result result = IndexSaveJob.run(loaded.service().lake());
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (result.saved().isPresent()) {
      out.printf(
          "saved the curation memory of snapshot %d (%d episodes, %d MiB) to %s in %d ms%n",
          result.snapshotId(),
          result.episodes(),
          result.saved().get().bytes() >> 20,
          result.saved().get().path(),
          millis);
    } else if (result.snapshotId() < 0) {
      out.println("the episodes table is empty: nothing to save");
    } else {
      out.printf(
          "the newest saved memory already reflects snapshot %d (%d episodes): nothing to save%n",
          result.snapshotId(), result.episodes());
    }
    out.flush();
    return 0;
  }
}
