package dev.tributary.catalog.export;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import dev.tributary.catalog.trainingset.TrainingSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Export throughput (joints only) for N episodes vs a plain copy of the same bytes on the same
 * disk. Not a test: run with the test classpath, {@code ExportBenchmark [episodes] [samples]
 * [workDir]}; prints one result line per run. See BENCHMARKS.md.
 */
public final class ExportBenchmark {
  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path work =
        Files.createTempDirectory(
            args.length > 2 ? Path.of(args[2]) : Path.of("target"), "export-bench");
    try (TestLake lake = TestLake.withCuratedTables(work.resolve("data"))) {
      SyntheticCorpus corpus = new SyntheticCorpus(lake.catalog());
      List<Episode> batch = new ArrayList<>();
      for (int i = 0; i < episodes; i++) {
        Episode e = Episode.accepted("site-" + (i % 10), "task-" + (i % 4), i);
        batch.add(
            new Episode(
                e.episodeId(),
                e.siteId(),
                e.task(),
                e.status(),
                e.reasons(),
                null,
                null,
                0.9,
                samples,
                e.startedAt(),
                i));
        if (batch.size() == 250) {
          corpus.append(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        corpus.append(batch);
      }
      TrainingSet set =
          new TrainingSets(lake.catalog(), lake.config().warehouse())
              .build(
                  new TrainingSetSpec(
                      "bench", null, null, null, null, null, null, null, null, episodes, episodes));
      for (int run = 1; run <= 3; run++) {
        Path target = work.resolve("export-" + run);
        long t0 = System.nanoTime();
        ExportReport report =
            new LeRobotExporter(lake.catalog()).export(set, target, ExportProgress.none());
        double exportS = (System.nanoTime() - t0) / 1e9;
        Path copy = work.resolve("copy-" + run);
        long t1 = System.nanoTime();
        copyTree(target, copy);
        double copyS = (System.nanoTime() - t1) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "run %d: %d episodes, %d frames, %.1f MB: export %.2f s (%.1f episodes/s, %.1f MB/s);"
                + " plain copy %.3f s (%.1f MB/s); export/copy time ratio %.1f%n",
            run,
            report.episodes(),
            report.frames(),
            report.bytes() / 1e6,
            exportS,
            report.episodes() / exportS,
            report.bytes() / 1e6 / exportS,
            copyS,
            report.bytes() / 1e6 / copyS,
            exportS / copyS);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
