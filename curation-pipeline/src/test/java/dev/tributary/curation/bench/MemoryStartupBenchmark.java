package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.TrajectorySketch;
import dev.tributary.curation.iceberg.DataFileWriter;
import dev.tributary.curation.iceberg.EpisodeIndexLoader;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.MemorySnapshots;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Start-up of the decider's memory (issue 17, part 3): for each corpus size, an {@code episodes}
 * table of synthetic rows in a local-filesystem warehouse (SQLite catalog, as {@code
 * LakeConfig.embedded}), then (1) the full scan every start used to do ({@code
 * EpisodeIndexLoader.load}), (2) saving its memory as a Puffin statistics file, (3) appending
 * {@code --append} more rows (what other instances wrote since the save), and (4) the new start-up:
 * load the saved memory, catch up with the appended rows, collect the verdicts to re-publish with a
 * filtered scan. Heap after GC is measured after (1) and (4).
 *
 * <p>Rows: random UUID ids and exact keys, 92 % accepted, 8 % near duplicates of the previous row
 * (with {@code duplicate_of} and a cluster), 20 tasks, 50 sites, a 64-float novelty vector, and a
 * trajectory sketch drawn from a pool of {@code --pool} distinct sketches of {@code SplineEpisodes}
 * (sketching 10^6 episodes would take ~20 min; the index holds as many postings and coarse bytes
 * per episode either way, but the pool's hashes become stop words). Usage: {@code
 * MemoryStartupBenchmark [--sizes 10000,100000,1000000] [--append 1000] [--pool 8192] [--dir D]},
 * or {@code --startup-only true --dir D [--repeat 2]} on a warehouse a run left ({@code --prepare
 * true --dir D} first re-saves its memory with this build and appends {@code --append} rows).
 *
 * <p>Over ~300 lines: one benchmark with its row generator and its three modes (full comparison,
 * prepare, start-up only) sharing the table set-up and the report format.
 */
public final class MemoryStartupBenchmark {
  private static final OffsetDateTime STARTED =
      OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final int PARTITIONS = 6;

  private MemoryStartupBenchmark() {}

  public static void main(String[] args) throws IOException {
    long[] sizes = parseSizes(option(args, "--sizes", "10000,100000,1000000"));
    int append = Integer.parseInt(option(args, "--append", "1000"));
    int pool = Integer.parseInt(option(args, "--pool", "8192"));
    Path dir =
        Path.of(option(args, "--dir", Files.createTempDirectory("memory-startup").toString()));
    System.out.printf(
        "memory start-up benchmark, %s, %d cores, max heap %d MiB, warehouse %s%n%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        dir);
    if (Boolean.parseBoolean(option(args, "--prepare", "false"))) {
      prepare(dir, Integer.parseInt(option(args, "--append", "1000")));
      return;
    }
    if (Boolean.parseBoolean(option(args, "--startup-only", "false"))) {
      startupOnly(dir, Integer.parseInt(option(args, "--repeat", "2")));
      return;
    }
    long t0 = System.nanoTime();
    byte[][] sketches = new byte[pool][];
    IntStream.range(0, pool)
        .parallel()
        .forEach(i -> sketches[i] = TrajectorySketch.of(SplineEpisodes.episode(i)).toBytes());
    long sketchBytes = 0;
    for (byte[] s : sketches) {
      sketchBytes += s.length;
    }
    System.out.printf(
        "pool: %d sketches, %.0f bytes each on average, %.1f s%n%n",
        pool, sketchBytes / (double) pool, (System.nanoTime() - t0) / 1e9);
    System.out.println(
        "| indexed | rows appended since the save | full scan (old start-up) | heap after full scan |"
            + " save: time / size | new start-up: load saved + catch up + republish = total |"
            + " heap after new start-up | same size as full scan |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      Table episodes = tables.episodes();
      Rows rows = new Rows(sketches, 17);
      long written = 0;
      for (long size : sizes) {
        rows.append(episodes, size - written);
        written = size;
        long baseline = usedHeapAfterGc();
        long scanStart = System.nanoTime();
        EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
        double scanS = (System.nanoTime() - scanStart) / 1e9;
        long scanHeap = usedHeapAfterGc();
        int fullSize = full.memory().exact().size();
        long saveStart = System.nanoTime();
        MemorySnapshots.Saved saved =
            MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
        double saveS = (System.nanoTime() - saveStart) / 1e9;
        full = null; // as EpisodeIndexes drops its memory before loading
        rows.append(episodes, append);
        written += append;
        usedHeapAfterGc();
        long s0 = System.nanoTime();
        MemorySnapshots.Loaded loaded = MemorySnapshots.load(episodes).orElseThrow();
        long s1 = System.nanoTime();
        EpisodeIndexLoader.CatchUp c =
            EpisodeIndexLoader.catchUp(episodes, loaded.memory(), loaded.snapshotId());
        long s2 = System.nanoTime();
        Map<Integer, Long> republishFrom = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
          republishFrom.put(p, rows.offsets[p] - 20);
        }
        int republished =
            EpisodeIndexLoader.republish(episodes, republishFrom, c.snapshotId()).size();
        long s3 = System.nanoTime();
        long startHeap = usedHeapAfterGc();
        CurationMemory m = loaded.memory();
        System.out.printf(
            "| %,d | %,d (caught up %,d, re-published %d) | %.1f s | %,d MiB | %.1f s / %,d MiB |"
                + " %.1f + %.1f + %.1f = **%.1f s** | %,d MiB | %s |%n",
            size,
            append,
            c.added(),
            republished,
            scanS,
            (scanHeap - baseline) >> 20,
            saveS,
            saved.bytes() >> 20,
            (s1 - s0) / 1e9,
            (s2 - s1) / 1e9,
            (s3 - s2) / 1e9,
            (s3 - s0) / 1e9,
            (startHeap - baseline) >> 20,
            m.exact().size() == fullSize + append
                ? "yes (+" + append + ")"
                : "NO: " + m.exact().size());
        loaded = null;
        m = null;
      }
    }
    System.out.printf(
        "%nload average at the end: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * On a warehouse an earlier run left: a full scan, a save of its memory with this build, then
   * {@code append} more rows (untimed), ready for {@code --startup-only}.
   */
  private static void prepare(Path dir, int append) {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      Table episodes = tables.episodes();
      long t0 = System.nanoTime();
      EpisodeIndexLoader.Loaded full = EpisodeIndexLoader.load(episodes, Map.of());
      long t1 = System.nanoTime();
      MemorySnapshots.Saved saved =
          MemorySnapshots.save(episodes, full.memory(), full.snapshotId());
      long t2 = System.nanoTime();
      System.out.printf(
          "prepared: full scan of %,d episodes %.1f s, save %.1f s (%,d MiB) to %s%n",
          full.memory().exact().size(),
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          saved.bytes() >> 20,
          saved.path());
      full = null;
      byte[][] sketches = new byte[256][];
      for (int i = 0; i < sketches.length; i++) {
        sketches[i] = TrajectorySketch.of(SplineEpisodes.episode(i)).toBytes();
      }
      new Rows(sketches, System.nanoTime()).append(episodes, append);
    }
  }

  /**
   * The new start-up only, on a warehouse an earlier run left (its newest saved memory and the rows
   * appended since), {@code repeat} times: to time a cold read, evict the saved file from the page
   * cache first (e.g. {@code posix_fadvise(DONTNEED)} on it).
   */
  private static void startupOnly(Path dir, int repeat) {
    System.out.println(
        "| run | load saved | catch up | total | saved MiB | episodes | heap after |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      Table episodes = tables.episodes();
      long baseline = usedHeapAfterGc();
      for (int run = 1; run <= repeat; run++) {
        long s0 = System.nanoTime();
        MemorySnapshots.Loaded loaded = MemorySnapshots.load(episodes).orElseThrow();
        long s1 = System.nanoTime();
        EpisodeIndexLoader.CatchUp c =
            EpisodeIndexLoader.catchUp(episodes, loaded.memory(), loaded.snapshotId());
        long s2 = System.nanoTime();
        System.out.printf(
            "| %d | %.1f s | %.1f s (%,d rows) | **%.1f s** | %,d | %,d | %,d MiB |%n",
            run,
            (s1 - s0) / 1e9,
            (s2 - s1) / 1e9,
            c.added(),
            (s2 - s0) / 1e9,
            loaded.bytes() >> 20,
            loaded.memory().exact().size(),
            (usedHeapAfterGc() - baseline) >> 20);
        loaded = null;
        usedHeapAfterGc();
      }
    }
  }

  /** Synthetic {@code episodes} rows, appended in one commit per call. */
  private static final class Rows {
    private final byte[][] sketches;
    private final SplittableRandom random;
    private final DataFileWriter writer = new DataFileWriter("bench");
    final long[] offsets = new long[PARTITIONS];
    private long n;
    private long curatedMicros = STARTED.toEpochSecond() * 1_000_000L;
    private String previous;

    Rows(byte[][] sketches, long seed) {
      this.sketches = sketches;
      this.random = new SplittableRandom(seed);
    }

    void append(Table episodes, long count) {
      AppendFiles commit = episodes.newAppend();
      for (long done = 0; done < count; ) {
        int batch = (int) Math.min(50_000, count - done);
        List<Record> rows = new ArrayList<>(batch);
        curatedMicros += 2_000_000;
        for (int i = 0; i < batch; i++) {
          rows.add(row(episodes, curatedMicros));
        }
        for (DataFile f : writer.write(episodes, rows)) {
          commit.appendFile(f);
        }
        done += batch;
      }
      commit.commit();
    }

    private Record row(Table episodes, long curatedMicros) {
      Record r = GenericRecord.create(episodes.schema());
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      boolean duplicate = previous != null && random.nextInt(100) < 8;
      int partition = (int) (n % PARTITIONS);
      r.setField("episode_id", id);
      r.setField("site_id", "site-" + random.nextInt(50));
      r.setField("robot_type", "so101_follower");
      r.setField("task", "task " + random.nextInt(20));
      r.setField("started_at", STARTED);
      r.setField("duration_s", 8 + 4 * random.nextDouble());
      r.setField("sample_count", 300);
      r.setField(
          "exact_key", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
      r.setField("status", duplicate ? "DUPLICATE" : "ACCEPTED");
      r.setField("reasons", duplicate ? List.of("near_duplicate:sub_clip") : List.of());
      r.setField("duplicate_of", duplicate ? previous : null);
      r.setField("duplicate_cluster", duplicate ? previous : null);
      r.setField("quality_score", 1.0);
      r.setField("novelty_score", 0.5);
      r.setField(
          "curated_at",
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(curatedMicros / 1_000_000, curatedMicros % 1_000_000 * 1000),
              ZoneOffset.UTC));
      r.setField("source_partition", partition);
      r.setField("source_offset", offsets[partition]++);
      if (!duplicate) {
        List<Float> features = new ArrayList<>(64);
        for (int k = 0; k < 64; k++) {
          features.add((float) random.nextGaussian());
        }
        r.setField("diversity_features", features);
      }
      r.setField("trajectory_sketch", ByteBuffer.wrap(sketches[random.nextInt(sketches.length)]));
      previous = duplicate ? previous : id;
      n++;
      return r;
    }
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long[] parseSizes(String csv) {
    String[] parts = csv.split(",");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Long.parseLong(parts[i].trim());
    }
    return out;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
