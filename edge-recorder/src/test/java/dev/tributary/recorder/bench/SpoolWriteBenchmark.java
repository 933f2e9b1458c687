package dev.tributary.recorder.bench;

import dev.tributary.recorder.spool.Codecs;
import dev.tributary.recorder.spool.RecordType;
import dev.tributary.recorder.spool.SegmentFile;
import dev.tributary.recorder.testing.Episodes;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Spool append throughput against a raw sequential write of the same bytes with the same fsync
 * cadence (one fdatasync per record), on the same disk. Not a test: run with {@code java -cp <test
 * classpath> dev.tributary.recorder.bench.SpoolWriteBenchmark [dir] [records]}.
 */
public final class SpoolWriteBenchmark {
  private SpoolWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir =
        Files.createTempDirectory(
            args.length > 0 ? Path.of(args[0]) : Path.of("target"), "spool-bench");
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    for (int samples : new int[] {30, 300}) {
      byte[] body =
          Codecs.CHUNK.encode(Episodes.chunk("00000000-0000-0000-0000-000000000000", 0, samples));
      double[] raws = new double[rounds];
      double[] spools = new double[rounds];
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        // Interleaved so both see the same disk weather.
        raws[round] = raw(dir.resolve("raw-" + samples + "-" + round), body, records);
        spools[round] =
            spool(dir.resolve("spool-" + samples + "-" + round + ".seg"), body, records);
        ratios[round] = spools[round] / raws[round];
      }
      System.out.printf(
          "record %d B x %d, one fdatasync per record, median of %d interleaved rounds: raw %.0f rec/s"
              + " (%.2f MiB/s), spool %.0f rec/s (%.2f MiB/s), median ratio spool/raw %.2f%n",
          body.length,
          records,
          rounds,
          median(raws),
          median(raws) * body.length / 1048576,
          median(spools),
          median(spools) * body.length / 1048576,
          median(ratios));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Records per second. */
  private static double raw(Path file, byte[] body, int records) throws Exception {
    long start = System.nanoTime();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < records; i++) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }

  private static double spool(Path file, byte[] body, int records) throws Exception {
    long start = System.nanoTime();
    try (SegmentFile segment = SegmentFile.create(file)) {
      for (int i = 0; i < records; i++) {
        segment.append(RecordType.CHUNK, body);
      }
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }
}
