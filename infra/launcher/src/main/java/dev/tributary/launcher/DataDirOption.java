package dev.tributary.launcher;

import dev.tributary.schema.table.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The `--data-dir` option of the commands that read the platform's tables. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      defaultValue = ".tributary",
      scope =
          ScopeType
              .INHERIT, // `trainingset build --data-dir X` as well as `trainingset --data-dir X
      // build`
      description = "The platform's data folder (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  Path dir() {
    return dataDir.toAbsolutePath().normalize();
  }

  /** The catalog of an existing data folder, or a one-line hint on how to get one. */
  LakeConfig lake() {
    if (!Files.isDirectory(dir().resolve("catalog"))) {
      throw new IllegalStateException(
          "no Tributary data in "
              + dir()
              + "; start the platform with ./tributary run or pass --data-dir");
    }
    return LakeConfig.embedded(dir());
  }
}
