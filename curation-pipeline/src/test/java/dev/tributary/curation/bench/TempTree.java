package dev.tributary.curation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's scratch folder, deleted with everything in it when the JVM exits (normally, on an
 * exception or on Ctrl-C): the pipeline benchmark leaves ~150 MB of spools, broker logs, objects
 * and tables per run, the dedup benchmark ~25 MB of converted real data, and repeated runs filled
 * {@code /tmp} (a killed JVM, SIGKILL, still leaves its folder).
 */
final class TempTree {
  private TempTree() {}

  static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), prefix + "-cleanup"));
    return dir;
  }

  /** Deletes the tree, deepest first; what cannot be deleted is reported, not thrown. */
  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete the benchmark's scratch folder " + root + ": " + e);
    }
  }
}
