package dev.tributary.loadtest;

import dev.tributary.gateway.publish.KafkaSender;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the ingest gateway benchmarks of issue 4 in one process, on one embedded broker and store,
 * and prints a Markdown report (also written to {@code --out}). Phases, in order: raw producer
 * baseline, gateway saturation (closed model), maximum sustainable rate (open model, stepped), ack
 * latency at half of it, both joint shapes; video uploads; a long run at the maximum rate sampling
 * the gateway's heap. Usage: {@code load-tests/bin/gateway-bench.sh [--key value]...}; keys and
 * defaults in {@link #DEFAULTS}.
 */
public final class GatewayBenchmark {
  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("sites", "100"),
          Map.entry("rigs-per-site", "10"),
          Map.entry("chunks-per-episode", "60"),
          // Chunks of one rig's episode per call: 1 = PUT .../chunks/{seq} per chunk, N > 1 =
          // POST .../chunks batches of N (the episode's last batch may be shorter). Rates
          // (--start-rate, the open-model steps) are calls/s; throughput is compared in chunks/s.
          Map.entry("chunks-per-call", "1"),
          // Per-site rate limit of the gateway in requests/s (a batch takes one token per chunk,
          // burst = 2 s worth); 0 = the gateway's default (200/s, burst 400), which caps 100
          // sites at 20 000 chunks/s: raise it for batch runs.
          Map.entry("site-rate", "0"),
          Map.entry("connections", "128"),
          Map.entry("shapes", "6x30,14x100"),
          Map.entry("step-seconds", "10"),
          Map.entry("warmup-seconds", "3"),
          Map.entry("latency-seconds", "30"),
          Map.entry("video-mib", "16,64"),
          Map.entry("video-repetitions", "3"),
          Map.entry("memory-minutes", "10"),
          Map.entry("memory-rate", "0"),
          Map.entry("tracked-episodes", "0"),
          Map.entry("gateway-heap-mb", "512"),
          // Gateway tuning (GatewayConfig; the raw baseline uses the same producer settings):
          // 0 / -1 / "" keep the gateway's default.
          Map.entry("event-loops", "0"),
          // First open-model rate per shape (comma list in the order of --shapes); 0: half the
          // closed-model throughput (which is then measured first). A first step that fails is
          // retried 20 % lower until one is sustained, then the ramp goes up by 10 % as usual.
          Map.entry("start-rate", "0"),
          // Same for the bare forwarder (phase "forwarder"); 0: half its closed-model throughput.
          Map.entry("forwarder-start-rate", "0"),
          // Open-model steps per shape at most (0: until a step fails); for short smoke runs.
          Map.entry("max-steps", "0"),
          Map.entry("linger-ms", "-1"),
          Map.entry("compression", ""),
          // "forwarder" (with "chunks"): the bare Vert.x -> KafkaProducer forwarder
          // (BareForwarder, child JVM) measured like the gateway, between raw producer and gateway.
          Map.entry("phases", "chunks,video,memory"),
          Map.entry("data-dir", ""),
          Map.entry("out", "load-tests/target/gateway-bench.md"));

  private final Map<String, String> options;
  private final GatewayTuning tuning;
  private final StringBuilder report = new StringBuilder();
  private final List<String> summaryRows = new ArrayList<>();
  private final List<String> closedRows = new ArrayList<>();

  private GatewayBenchmark(Map<String, String> options) {
    this.options = options;
    this.tuning =
        GatewayTuning.defaults()
            .with(
                Integer.parseInt(options.get("event-loops")),
                Integer.parseInt(options.get("linger-ms")),
                options.get("compression"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(DEFAULTS);
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown option --" + key + "; known: " + DEFAULTS.keySet());
      }
      options.put(key, args[i + 1]);
    }
    try {
      new GatewayBenchmark(options).run();
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1); // else the broker's and S3Proxy's threads keep a failed run's JVM alive
    }
    System.exit(0); // S3Proxy's and the broker's non-daemon threads
  }

  private String opt(String key) {
    return options.get(key);
  }

  private int num(String key) {
    return Integer.parseInt(options.get(key));
  }

  private void run() throws Exception {
    Path dir =
        opt("data-dir").isEmpty()
            ? Files.createTempDirectory("tributary-gateway-bench")
            : Files.createDirectories(Path.of(opt("data-dir")));
    if (opt("data-dir").isEmpty()) {
      // a run leaves gigabytes of broker and object-store data: never let them pile up in /tmp
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    }
    Path out = Path.of(opt("out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Set<String> phases = Set.of(opt("phases").split(","));
    line("# Ingest gateway benchmark run, " + Instant.now());
    line("");
    line("options: " + new java.util.TreeMap<>(options));
    line("gateway tuning: " + tuning);
    line("load average at start: " + loadAverage());
    try (BenchStack stack =
            BenchStack.start(dir)
                .withGatewayInChildJvm(
                    num("gateway-heap-mb"),
                    num("tracked-episodes"),
                    tuning,
                    Double.parseDouble(opt("site-rate")),
                    out.resolveSibling("gateway-bench-gateway.log"));
        LoadGenerator generator = new LoadGenerator(stack.gatewayUrl(), num("connections"))) {
      line("gateway pid " + stack.gatewayPid() + " at " + stack.gatewayUrl());
      LoadGenerator forwarderGenerator = null;
      if (phases.contains("forwarder") && phases.contains("chunks")) {
        stack.withForwarderInChildJvm(
            tuning, "bench.forwarder.ingest", out.resolveSibling("gateway-bench-forwarder.log"));
        forwarderGenerator = new LoadGenerator(stack.forwarderUrl(), num("connections"));
        line("forwarder pid " + stack.forwarderPid() + " at " + stack.forwarderUrl());
      }
      Map<String, Double> maxRate = new HashMap<>();
      int runNo = 0;
      String[] shapeNames = opt("shapes").split(",");
      String[] startRates = opt("start-rate").split(",");
      String[] forwarderStartRates = opt("forwarder-start-rate").split(",");
      for (int shapeNo = 0; shapeNo < shapeNames.length; shapeNo++) {
        String shapeName = shapeNames[shapeNo];
        double startRate = Double.parseDouble(startRates[Math.min(shapeNo, startRates.length - 1)]);
        ChunkShape shape = ChunkShape.named(shapeName);
        Fleet fleet =
            Fleet.enrol(
                stack.gatewayUrl(),
                BenchStack.ADMIN_TOKEN,
                shapeName.replace('x', 'h') + "r" + runNo++,
                num("sites"),
                num("rigs-per-site"),
                shape,
                num("chunks-per-episode"),
                num("chunks-per-call"));
        if (phases.contains("chunks")) {
          Ramp forwarded = null;
          if (forwarderGenerator != null) {
            // A fleet of its own: the gateway never sees an episode whose manifest went elsewhere.
            Fleet forwarderFleet =
                Fleet.enrol(
                    stack.gatewayUrl(),
                    BenchStack.ADMIN_TOKEN,
                    shapeName.replace('x', 'h') + "f" + runNo++,
                    num("sites"),
                    num("rigs-per-site"),
                    shape,
                    num("chunks-per-episode"),
                    num("chunks-per-call"));
            forwarded =
                new Ramp(
                    "forwarder",
                    stack.forwarderPid(),
                    forwarderGenerator,
                    forwarderFleet,
                    Double.parseDouble(
                        forwarderStartRates[Math.min(shapeNo, forwarderStartRates.length - 1)]));
          }
          maxRate.put(shapeName, chunkPhases(stack, generator, fleet, startRate, forwarded));
        }
        if (phases.contains("video") && shapeName.equals("6x30")) {
          videoPhase(stack, fleet);
        }
        if (phases.contains("memory") && shapeName.equals("6x30")) {
          double rate =
              num("memory-rate") > 0 ? num("memory-rate") : maxRate.getOrDefault(shapeName, 1000.0);
          memoryPhase(stack, generator, fleet, rate);
        }
        Files.writeString(out, report);
      }
      if (!summaryRows.isEmpty()) {
        line("");
        line("## Summary: joint-chunk throughput, gateway vs bare forwarder vs raw KafkaProducer");
        line("");
        line(
            "| shape | chunks per call | raw producer records/s | forwarder max sustainable"
                + " chunks/s | gateway max sustainable calls/s | gateway chunks/s at that step |"
                + " gateway / forwarder | gateway / raw | CPU µs per chunk at the best step:"
                + " gateway / forwarder / raw producer (driver) | broker + S3Proxy µs per chunk:"
                + " gateway step / forwarder step / raw | generator µs per chunk: gateway step /"
                + " forwarder step |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        summaryRows.forEach(this::line);
      }
      if (!closedRows.isEmpty()) {
        line("");
        line(
            "## Summary: saturation (closed model, "
                + opt("connections")
                + " calls in flight), gateway vs bare forwarder");
        line("");
        line(
            "| shape | chunks per call | raw producer records/s | forwarder chunks/s | gateway"
                + " chunks/s | gateway / forwarder | CPU µs per chunk: gateway / forwarder |"
                + " broker + S3Proxy µs per chunk: gateway run / forwarder run | generator µs"
                + " per chunk: gateway run / forwarder run |");
        line("|---|---|---|---|---|---|---|---|---|");
        closedRows.forEach(this::line);
      }
      if (forwarderGenerator != null) {
        forwarderGenerator.close();
      }
    } finally {
      line("load average at end: " + loadAverage());
      Files.writeString(out, report);
    }
  }

  /** A process under the open-model ramp: the gateway, or the bare forwarder. */
  private record Ramp(
      String name, long pid, LoadGenerator generator, Fleet fleet, double startRate) {}

  /** What a ramp reached: its best sustained step and the CPU per chunk during that step. */
  private record RampResult(
      double calls,
      double chunks,
      CpuTime.Usage cpu,
      double closedChunks,
      CpuTime.Usage closedCpu) {}

  private double chunkPhases(
      BenchStack stack, LoadGenerator generator, Fleet fleet, double startRate, Ramp forwarder)
      throws Exception {
    ChunkShape shape = fleet.shape();
    Duration warmup = Duration.ofSeconds(num("warmup-seconds"));
    Duration step = Duration.ofSeconds(num("step-seconds"));
    int perCall = fleet.chunksPerCall();
    line("");
    line(
        "## Joint chunks, "
            + shape.name()
            + " ("
            + fleet.rigCount()
            + " rigs, "
            + perCall
            + (perCall == 1
                ? " chunk per call: PUT .../chunks/{sequence})"
                : " chunks per call: POST .../chunks batches)"));
    line("load average: " + loadAverage());
    CpuTime.Span cpu = CpuTime.start(stack.gatewayPid());
    CpuTime.Split rawCpu = CpuTime.split("(no child process)", -1);
    RawProducerBaseline.Result raw =
        RawProducerBaseline.run(
            stack.bootstrapServers(),
            shape,
            "bench.raw." + shape.joints() + "x" + shape.rateHz(),
            tuning,
            warmup,
            step.multipliedBy(2));
    line(
        String.format(
            "- raw KafkaProducer (the gateway's settings: "
                + producerSettings(tuning)
                + "; 16 MiB in flight): %.0f records/s,"
                + " %.2f MB/s of chunk bodies, mean record %.0f B, errors %d, ack latency ms"
                + " p50 %.1f p99 %.1f",
            raw.recordsPerSecond(),
            raw.chunkMegabytesPerSecond(),
            raw.meanRecordBytes(),
            raw.errors(),
            raw.latencyMicros().getValueAtPercentile(50) / 1000.0,
            raw.latencyMicros().getValueAtPercentile(99) / 1000.0));
    line(cpu.describe(raw.recordsPerSecond() * (warmup.toSeconds() + 2 * step.toSeconds())));
    CpuTime.Usage rawUsage = rawCpu.usage(raw.recordsAcknowledged(), raw.driverCpuSeconds());
    line(
        rawUsage.describe().replace("load driver", "raw producer (send loop + I/O thread)")
            + "; load average "
            + loadAverage());
    RampResult forwarded = null;
    if (forwarder != null) {
      line("");
      line("### Bare forwarder (BareForwarder, child JVM pid " + forwarder.pid() + ")");
      forwarded = ramp(forwarder, warmup, step);
      line(
          String.format(
              "- **forwarder max sustainable rate: %.0f calls/s = %.0f chunks/s** (%.0f%% of the"
                  + " raw producer's records/s)",
              forwarded.calls(),
              forwarded.chunks(),
              100 * forwarded.chunks() / raw.recordsPerSecond()));
      line("");
      line("### Gateway (child JVM pid " + stack.gatewayPid() + ")");
    }
    RampResult gateway =
        ramp(new Ramp("gateway", stack.gatewayPid(), generator, fleet, startRate), warmup, step);
    double best = gateway.calls();
    double bestChunks = gateway.chunks();
    double callsPerEpisode = Math.ceil(num("chunks-per-episode") / (double) perCall) + 1;
    line(
        String.format(
            "- **max sustainable rate: %.0f calls/s = %.0f chunks/s at %d chunk(s) per call**"
                + " (%.0f%% of the raw producer's records/s%s; calls are ~%.1f%% manifests)",
            best,
            bestChunks,
            perCall,
            100 * bestChunks / raw.recordsPerSecond(),
            forwarded == null
                ? ""
                : String.format(
                    ", %.2fx the bare forwarder's chunks/s",
                    bestChunks / Math.max(1e-9, forwarded.chunks())),
            100.0 / callsPerEpisode));
    CpuTime.Usage none = new CpuTime.Usage("-", Double.NaN, 0, Double.NaN, 0, Double.NaN, 0, 0);
    CpuTime.Usage g = gateway.cpu() == null ? none : gateway.cpu();
    CpuTime.Usage f = forwarded == null || forwarded.cpu() == null ? none : forwarded.cpu();
    if (forwarded != null && gateway.closedCpu() != null && forwarded.closedCpu() != null) {
      closedRows.add(
          String.format(
              "| %s | %d | %.0f | %.0f | %.0f | **%.2fx** | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f"
                  + " |",
              shape.name(),
              perCall,
              raw.recordsPerSecond(),
              forwarded.closedChunks(),
              gateway.closedChunks(),
              gateway.closedChunks() / Math.max(1e-9, forwarded.closedChunks()),
              gateway.closedCpu().targetMicros(),
              forwarded.closedCpu().targetMicros(),
              gateway.closedCpu().brokerMicros(),
              forwarded.closedCpu().brokerMicros(),
              gateway.closedCpu().driverMicros(),
              forwarded.closedCpu().driverMicros()));
    }
    summaryRows.add(
        String.format(
            "| %s | %d | %.0f | %s | %.0f | %.0f | %s | %.2fx | %.1f / %s / %.1f | %.1f / %s /"
                + " %.1f | %.1f / %s |",
            shape.name(),
            perCall,
            raw.recordsPerSecond(),
            forwarded == null ? "-" : String.format("%.0f", forwarded.chunks()),
            best,
            bestChunks,
            forwarded == null
                ? "-"
                : String.format("**%.2fx**", bestChunks / Math.max(1e-9, forwarded.chunks())),
            bestChunks / raw.recordsPerSecond(),
            g.targetMicros(),
            forwarded == null ? "-" : String.format("%.1f", f.targetMicros()),
            rawUsage.driverMicros(),
            g.brokerMicros(),
            forwarded == null ? "-" : String.format("%.1f", f.brokerMicros()),
            rawUsage.brokerMicros(),
            g.driverMicros(),
            forwarded == null ? "-" : String.format("%.1f", f.driverMicros())));
    if (best > 0 && num("latency-seconds") > 0) {
      cpu = CpuTime.start(stack.gatewayPid());
      LoadGenerator.Result half =
          generator.open(
              "latency at half the max (" + (long) (best / 2) + "/s)",
              fleet,
              best / 2,
              warmup,
              Duration.ofSeconds(num("latency-seconds")));
      line("- " + half.summary());
      line(cpu.describe(best / 2 * (warmup.toSeconds() + num("latency-seconds"))));
    }
    line("load average: " + loadAverage());
    return best;
  }

  /**
   * The closed model (unless a start rate is given), then open-model steps from half its throughput
   * (or the start rate) up by 10 % until one fails; the last sustained step is the best.
   */
  private RampResult ramp(Ramp target, Duration warmup, Duration step) {
    LoadGenerator generator = target.generator();
    Fleet fleet = target.fleet();
    double startRate = target.startRate();
    double rate;
    double closedChunks = Double.NaN;
    CpuTime.Usage closedCpu = null;
    if (startRate > 0) {
      rate = startRate;
      line("- closed model skipped; open model starts at " + (long) rate + "/s (start rate)");
    } else {
      CpuTime.Split cpu = CpuTime.split(target.name(), target.pid());
      LoadGenerator.Result closed =
          generator.closed(
              target.name() + " closed model, " + num("connections") + " calls in flight",
              fleet,
              num("connections"),
              warmup,
              step.multipliedBy(2));
      line("- " + closed.summary());
      closedChunks = closed.acceptedChunksPerSecond();
      closedCpu =
          cpu.usage(
              closed.acceptedChunksPerSecond() * (warmup.toSeconds() + 2 * step.toSeconds()), -1);
      line(closedCpu.describe() + "; load average " + loadAverage());
      // Open model, stepped from half the saturation throughput up by 10 % until it fails.
      rate = Math.max(50, Math.floor(closed.acceptedPerSecond() / 2 / 50) * 50);
    }
    double best = 0;
    double bestChunks = 0;
    CpuTime.Usage bestCpu = null;
    int steps = 0;
    while (true) {
      CpuTime.Split cpu = CpuTime.split(target.name(), target.pid());
      LoadGenerator.Result r =
          generator.open(
              target.name() + " open model at " + (long) rate + "/s", fleet, rate, warmup, step);
      steps++;
      line("- " + r.summary() + (r.sustained() ? " -> sustained" : " -> NOT sustained"));
      CpuTime.Usage usage =
          cpu.usage(r.acceptedChunksPerSecond() * (warmup.toSeconds() + step.toSeconds()), -1);
      line(usage.describe() + "; load average " + loadAverage());
      if (num("max-steps") > 0 && steps >= num("max-steps")) {
        if (r.sustained()) {
          best = rate;
          bestChunks = r.acceptedChunksPerSecond();
          bestCpu = usage;
        }
        line("- stopped after " + steps + " step(s) (--max-steps): a lower bound");
        break;
      }
      if (!r.sustained()) {
        if (best == 0 && rate > 100) {
          rate = Math.floor(rate * 0.8 / 10) * 10; // started above the maximum: step down
          continue;
        }
        break;
      }
      best = rate;
      bestChunks = r.acceptedChunksPerSecond();
      bestCpu = usage;
      rate = Math.ceil(rate * 1.1 / 10) * 10;
    }
    return new RampResult(best, bestChunks, bestCpu, closedChunks, closedCpu);
  }

  private void videoPhase(BenchStack stack, Fleet fleet) throws Exception {
    line("");
    line("## Video uploads (one object at a time, median of " + opt("video-repetitions") + ")");
    line("load average: " + loadAverage());
    VideoBenchmark bench =
        new VideoBenchmark(
            stack.gatewayUrl(), stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey());
    line(
        "| size | presigned part PUTs MB/s | gateway end-to-end MB/s (manifest + part MD5s + part"
            + " URLs + part PUTs + completion + SHA-256 check) | raw SDK multipart (8 MiB parts)"
            + " MB/s | end-to-end / raw |");
    line("|---|---|---|---|---|");
    for (String mib : opt("video-mib").split(",")) {
      int bytes = Integer.parseInt(mib) * 1024 * 1024;
      VideoBenchmark.Result r =
          bench.run(fleet.firstSiteId(), fleet.firstToken(), bytes, num("video-repetitions"));
      double endToEnd = VideoBenchmark.Result.megabytesPerSecond(bytes, r.gatewayEndToEndSeconds());
      double raw = VideoBenchmark.Result.megabytesPerSecond(bytes, r.sdkMultipartSeconds());
      line(
          String.format(
              "| %s MiB | %.0f | %.0f | %.0f | %.2fx |",
              mib,
              VideoBenchmark.Result.megabytesPerSecond(bytes, r.presignedPartsSeconds()),
              endToEnd,
              raw,
              endToEnd / raw));
      line(
          "  raw seconds: parts "
              + r.presignedPartsSeconds()
              + " e2e "
              + r.gatewayEndToEndSeconds()
              + " sdkMultipart "
              + r.sdkMultipartSeconds());
    }
    line("load average: " + loadAverage());
  }

  private void memoryPhase(BenchStack stack, LoadGenerator generator, Fleet fleet, double rate) {
    Duration length = Duration.ofMinutes(num("memory-minutes"));
    line("");
    line(
        "## Gateway heap over "
            + length.toMinutes()
            + " min at "
            + (long) rate
            + " calls/s (-Xmx"
            + opt("gateway-heap-mb")
            + "m)");
    line("load average: " + loadAverage());
    long from = System.currentTimeMillis();
    CpuTime.Span cpu = CpuTime.start(stack.gatewayPid());
    LoadGenerator.Result r =
        generator.open("long run at " + (long) rate + "/s", fleet, rate, Duration.ZERO, length);
    line("- " + r.summary());
    line(cpu.describe(rate * length.toSeconds()));
    line(
        "- 5xx answers: "
            + r.fiveXx()
            + ", transport errors: "
            + r.transportErrors()
            + ", not sent because "
            + "the generator's backlog was full: "
            + r.shedByGenerator());
    List<HeapSampler.Sample> samples =
        stack.heapSamples().stream().filter(s -> s.epochMillis() >= from).toList();
    line(HeapReport.describe(samples));
    line("load average: " + loadAverage());
  }

  /** The producer settings both the gateway and the raw baseline use. */
  private static String producerSettings(GatewayTuning tuning) {
    Map<String, Object> config =
        KafkaSender.config("-", "-", 0, tuning.lingerMs(), tuning.compression());
    return new java.util.TreeMap<>(config)
        .entrySet().stream()
            .filter(
                e ->
                    Set.of(
                            "acks",
                            "enable.idempotence",
                            "compression.type",
                            "linger.ms",
                            "batch.size")
                        .contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim()
          + " ("
          + ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors()
          + " cores)";
    } catch (IOException e) {
      return String.format(
          "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private void line(String text) {
    System.out.println(text);
    System.out.flush();
    report.append(text).append('\n');
  }

  private static void deleteQuietly(Path root) {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (java.io.IOException e) {
                  // best effort: the next run uses a new folder anyway
                }
              });
    } catch (java.io.IOException e) {
      System.err.println("could not delete the benchmark data in " + root + ": " + e);
    }
  }
}
