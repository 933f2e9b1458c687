package dev.tributary.catalog.export;

import dev.tributary.catalog.sql.SqlCommand;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSets;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.iceberg.catalog.Catalog;

/**
 * {@code tributary export <training-set> <target>}: exports a saved training set to a
 * LeRobotDataset v3.0 folder. Errors are one-line {@link ExportException}s or {@code
 * TrainingSetException}s (unknown name). Framework-free so the launcher's picocli command only
 * parses arguments and prints.
 */
public final class ExportCommand {

  /** Joints only (no video features). */
  public ExportReport run(
      LakeConfig lake, String trainingSetName, Path target, ExportProgress progress) {
    return run(lake, trainingSetName, target, null, progress);
  }

  /**
   * Joints and videos.
   *
   * @param videos where the episodes' video objects are, e.g. {@code
   *     VideoSource.localObjects(dataDir.resolve("objects"), "tributary-videos")} in the embedded
   *     setup; {@code null} exports joints only
   */
  public ExportReport run(
      LakeConfig lake,
      String trainingSetName,
      Path target,
      VideoSource videos,
      ExportProgress progress) {
    return run(lake, trainingSetName, target, videos, ExportOptions.defaults(), progress);
  }

  /**
   * Joints and videos, with a codec and file sizes of the caller's choosing (e.g. {@code
   * ExportOptions.defaults().withVideoCodec(VideoCodec.H264)} for {@code --video-codec h264}).
   */
  public ExportReport run(
      LakeConfig lake,
      String trainingSetName,
      Path target,
      VideoSource videos,
      ExportOptions options,
      ExportProgress progress) {
    Catalog catalog = SqlCommand.openCatalog(lake);
    try {
      TrainingSet set = new TrainingSets(catalog, lake.warehouse()).show(trainingSetName);
      return new LeRobotExporter(catalog, videos, options).export(set, target, progress);
    } finally {
      SqlCommand.closeCatalog(catalog);
    }
  }

  /**
   * A one-line terminal progress bar ({@code \r}-redrawn) on {@code out}, e.g. {@code frames
   * [#########-----------] 45% 450/1000}.
   */
  public static ExportProgress progressBar(PrintStream out) {
    return (phase, done, total) -> {
      int width = 30;
      double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
      int filled = (int) Math.round(share * width);
      out.print(
          String.format(
              Locale.ROOT,
              "\r%-7s [%s%s] %3d%% %d/%d",
              phase,
              "#".repeat(filled),
              "-".repeat(width - filled),
              Math.round(share * 100),
              done,
              total));
      if (phase.equals("commit") && done >= total) {
        out.println();
      }
      out.flush();
    };
  }
}
