package dev.tributary.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.recorder.arm.ArmRecordCommandTest;
import dev.tributary.recorder.arm.FeetechBusEmulator;
import dev.tributary.recorder.lerobot.DatasetFixture;
import dev.tributary.recorder.testing.FakeGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The participants' download, {@code tributary-recorder-<version>.jar}, run the way they run it:
 * {@code java -jar} from a folder outside the repository, with nothing else on the class path.
 */
class RecorderDistributionIT {
  static final List<String> PLATFORMS =
      List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "macosx-x86_64", "windows-x86_64");
  static final List<String> PLATFORM_SIDE =
      List.of(
          "org/apache/kafka/",
          "org/duckdb/",
          "org/apache/hadoop/",
          "org/gaul/",
          "org/apache/iceberg/",
          "org/eclipse/jetty/",
          "io/vertx/");

  static Path jar;
  static Path work;

  @BeforeAll
  static void locateJar() throws IOException {
    String property = System.getProperty("recorder.jar");
    assertThat(property).as("recorder.jar (set by failsafe from the pom)").isNotNull();
    jar = Path.of(property).toAbsolutePath();
    assertThat(jar).as("built by `mvn package` in edge-recorder").isRegularFile();
    work = Files.createTempDirectory("tributary-recorder-it");
    assertThat(work.toAbsolutePath().startsWith(Path.of("").toAbsolutePath().getParent()))
        .as("runs outside the repository")
        .isFalse();
    System.out.printf("recorder jar %s: %.1f MiB%n", jar, Files.size(jar) / 1048576.0);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theJarCarriesFfmpegForEveryPlatformAndNoPlatformSideDependency() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
    }
    for (String platform : PLATFORMS) {
      assertThat(names)
          .as("FFmpeg's libavcodec for " + platform)
          .anyMatch(
              n -> n.startsWith("org/bytedeco/ffmpeg/" + platform + "/") && n.contains("avcodec"));
      assertThat(names)
          .as("JavaCPP's JNI library for " + platform)
          .anyMatch(
              n ->
                  n.startsWith("org/bytedeco/javacpp/" + platform + "/")
                      && n.contains("jnijavacpp"));
    }
    // jSerialComm keeps its natives at the jar's root, one folder per OS and architecture.
    assertThat(names)
        .contains(
            "Linux/x86_64/libjSerialComm.so",
            "Linux/armv8_64/libjSerialComm.so",
            "OSX/aarch64/libjSerialComm.jnilib",
            "OSX/x86_64/libjSerialComm.jnilib",
            "Windows/x86_64/jSerialComm.dll");
    for (String prefix : PLATFORM_SIDE) {
      assertThat(names).as("nothing under " + prefix).noneMatch(n -> n.startsWith(prefix));
    }
    assertThat(names).contains("dev/tributary/recorder/cli/RecorderCli.class");
    // LeRobot import: Parquet and pure-Java codecs in, Hadoop (above) and codec natives out.
    assertThat(names)
        .contains(
            "org/apache/parquet/hadoop/ParquetFileReader.class",
            "io/airlift/compress/snappy/SnappyDecompressor.class")
        .noneMatch(n -> n.startsWith("org/xerial/snappy/") || n.startsWith("com/github/luben/"));
  }

  @Test
  void helpRecordAndUploadRunFromAFolderOutsideTheRepository() throws Exception {
    Result help = run(work, Map.of(), "--help");
    assertThat(help.exit).as(help.output).isZero();
    assertThat(help.output).contains("record", "upload", "status", "doctor");

    Result record =
        run(
            work,
            Map.of(),
            "record",
            "--sim",
            "--fast",
            "--site",
            "lisbon",
            "--spool",
            "spool",
            "--episodes",
            "2",
            "--length",
            "2s",
            "--cameras",
            "1",
            "--width",
            "64",
            "--height",
            "48");
    assertThat(record.exit).as(record.output).isZero();
    Result status = run(work, Map.of(), "status", "--spool", "spool");
    assertThat(status.output).as(status.output).contains("2 episode(s): {SPOOLED=2}");

    try (FakeGateway gateway = FakeGateway.start()) {
      Result upload =
          run(
              work,
              Map.of(),
              "upload",
              "--spool",
              "spool",
              "--gateway",
              gateway.url().toString(),
              "--code",
              gateway.issueCode("lisbon"));
      assertThat(upload.exit).as(upload.output).isZero();
      assertThat(gateway.committedEpisodes()).hasSize(2);
      assertThat(gateway.committedEpisodes()).allMatch(gateway::isComplete);
    }
  }

  @Test
  void doctorChecksTheGatewayTokenAndDiskFromAConfigFile() throws Exception {
    try (FakeGateway gateway = FakeGateway.start()) {
      Path spool = work.resolve("doctor-spool");
      dev.tributary.recorder.site.SiteToken.store(spool, gateway.issueToken("lisbon"));
      // A config home of its own: the other tests must not see this (short-lived) gateway.
      Map<String, String> env = Map.of("XDG_CONFIG_HOME", work.resolve("doctor-config").toString());
      Files.createDirectories(work.resolve("doctor-config/tributary"));
      Files.writeString(
          work.resolve("doctor-config/tributary/recorder.properties"),
          "gateway=" + gateway.url() + "\nspool=" + spool + "\n");
      Result doctor = run(work, env, "doctor", "--no-arm");
      assertThat(doctor.output)
          .contains("OK       config", "OK       gateway   " + gateway.url(), "OK       token")
          .contains("OK       disk", "OK       cameras");
      assertThat(doctor.exit).as(doctor.output).isZero();

      Result badPort =
          run(
              work,
              Map.of(
                  "XDG_CONFIG_HOME",
                  env.get("XDG_CONFIG_HOME"),
                  "TRIBUTARY_RECORDER_FOLLOWER_PORT",
                  "/dev/ttyNOPE"),
              "doctor");
      assertThat(badPort.exit).isEqualTo(1);
      assertThat(badPort.output)
          .contains("PROBLEM  follower  cannot open serial port /dev/ttyNOPE");
    }
  }

  @Test
  void recordArmReadsEmulatedArmsThroughTheJarsOwnSerialNatives() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        FeetechBusEmulator.socatAvailable(), "socat not installed: skipping the emulated arm");
    Path dir = Files.createDirectories(work.resolve("arm"));
    try (FeetechBusEmulator follower = ArmRecordCommandTest.calibratedFollower(dir);
        FeetechBusEmulator leader = ArmRecordCommandTest.calibratedLeader(dir)) {
      Path config = ArmRecordCommandTest.configure(dir, follower.hostPort(), leader.hostPort(), "");
      // ... and a camera through the jar's own FFmpeg capture library (lavfi standing in).
      String withoutGateway =
          Files.readString(config).replace("gateway=\n", "")
              + "camera=top=testsrc2=size=160x120:rate=30\ncamera-input=lavfi\ncamera-size=160x120\n";
      Files.writeString(config, withoutGateway);
      Result record =
          run(work, Map.of("TRIBUTARY_RECORDER_CONFIG", config.toString()), "record", "--arm");
      assertThat(record.exit).as(record.output).isZero();
      assertThat(record.output)
          .contains("episode 2:", "observation.images.top", "camera-to-joint sync median");
      Result status = run(work, Map.of("TRIBUTARY_RECORDER_CONFIG", config.toString()), "status");
      assertThat(status.output).contains("2 episode(s): {SPOOLED=2}");
    }
  }

  @Test
  void leRobotImportReadsSnappyV3AndV21FoldersWithoutHadoop() throws Exception {
    // As lerobot-record writes them (pyarrow: SNAPPY pages), with one H.264 camera each.
    Path v3 =
        new DatasetFixture(
                work.resolve("lerobot-v3"), "v3.0", List.of("observation.images.top"), 45, 30)
            .withCompression(CompressionCodecName.SNAPPY)
            .writeAll()
            .root;
    Path v21 =
        new DatasetFixture(
                work.resolve("lerobot-v21"), "v2.1", List.of("observation.images.top"), 40, 35)
            .withCompression(CompressionCodecName.SNAPPY)
            .writeAll()
            .root;
    try (ParquetFileReader written =
        ParquetFileReader.open(new LocalInputFile(v3.resolve("data/chunk-000/file-000.parquet")))) {
      assertThat(written.getFooter().getBlocks().get(0).getColumns().get(0).getCodec())
          .isEqualTo(CompressionCodecName.SNAPPY);
    }
    for (Path dataset : List.of(v3, v21)) {
      Result imported =
          run(
              work,
              Map.of(),
              "import",
              dataset.toString(),
              "--site",
              "lisbon",
              "--spool",
              "lerobot-spool");
      assertThat(imported.exit).as(imported.output).isZero();
      assertThat(imported.output)
          .contains("imported episode 0", "imported episode 1", "observation.images.top")
          .doesNotContain("\tat ")
          .doesNotContainIgnoringCase("hadoop");
    }
    Result status = run(work, Map.of(), "status", "--spool", "lerobot-spool");
    assertThat(status.output).as(status.output).contains("4 episode(s): {SPOOLED=4}");

    // The real lerobot-record sample (pyarrow SNAPPY, no videos) when the shared data is here.
    Path sample = Path.of("..", "..", "shared", "data", "lerobot-v3-so101-sample").toAbsolutePath();
    if (Files.isDirectory(sample)) {
      Result real =
          run(work, Map.of(), "import", sample.toString(), "--site", "lisbon", "--spool", "real");
      assertThat(real.exit).as(real.output).isZero();
      Result realStatus = run(work, Map.of(), "status", "--spool", "real");
      assertThat(realStatus.output).as(realStatus.output).contains("4 episode(s): {SPOOLED=4}");
    }
  }

  record Result(int exit, String output) {}

  static Result run(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    // Isolated from the developer's own ~/.config/tributary and TRIBUTARY_RECORDER_* settings.
    builder.environment().keySet().removeIf(k -> k.startsWith("TRIBUTARY_RECORDER_"));
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    builder.environment().putAll(env);
    Path log = Files.createTempFile(dir, "run", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished)
        .as("finished within 180 s: " + String.join(" ", args) + "\n" + text)
        .isTrue();
    System.out.println("$ tributary-recorder " + String.join(" ", args) + "\n" + text);
    return new Result(process.exitValue(), text);
  }
}
