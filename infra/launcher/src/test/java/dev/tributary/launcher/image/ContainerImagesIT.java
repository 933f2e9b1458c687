package dev.tributary.launcher.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The images the {@code images} profile builds (gateway, pipeline and catalog here, the recorder in
 * edge-recorder), checked without Docker: each tarball's manifest and config (name, entrypoint,
 * user, ports, labels), then its layers unpacked in order (whiteouts applied) into a directory and
 * its entrypoint run there with {@code unshare --root} (a chroot in fresh PID and mount namespaces
 * with its own /proc, as the unprivileged image user), the way a container runtime would. Needs
 * root; skips with a message otherwise, and when the images were not built (no {@code -Pimages}).
 */
class ContainerImagesIT {
  static final List<String> SERVICES = List.of("gateway", "pipeline", "catalog");
  static final Map<String, Integer> PORTS =
      Map.of("gateway", 8080, "pipeline", 9464, "catalog", 8181);
  static final String USER = "10001:10001";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SAMPLE =
      Path.of("..", "..", "..", "shared", "data", "lerobot-v3-so101-sample").toAbsolutePath();

  static final Map<String, Image> images = new LinkedHashMap<>();
  static Path work;

  /** One image tarball: where it is, what its manifest and config say, where it was unpacked. */
  record Image(String name, Path tar, JsonNode manifest, JsonNode config, Path layers, Path root) {
    JsonNode containerConfig() {
      return config.path("config");
    }

    List<String> entrypoint() {
      return strings(containerConfig().path("Entrypoint"));
    }

    List<String> cmd() {
      return strings(containerConfig().path("Cmd"));
    }
  }

  @BeforeAll
  static void openTheTarballs() throws Exception {
    Path dir = Path.of(System.getProperty("images.dir", "target/images"));
    Map<String, Path> tars = new LinkedHashMap<>();
    SERVICES.forEach(s -> tars.put(s, dir.resolve(s + ".tar")));
    tars.put("recorder", Path.of(System.getProperty("images.recorder.tar", "-")));
    boolean built = tars.values().stream().allMatch(Files::isRegularFile);
    if (!Boolean.getBoolean("images.required")) {
      Assumptions.assumeTrue(
          built, "container images not built: mvn -Pimages verify (./run-tests does) builds them");
    }
    assertThat(tars.values().stream().filter(t -> !Files.isRegularFile(t)).toList())
        .as(
            "image tarballs missing although the images profile is on; the recorder's comes from"
                + " edge-recorder (mvn -Pimages verify -pl edge-recorder,infra/launcher)")
        .isEmpty();
    work = Files.createTempDirectory("tributary-images-it");
    for (var e : tars.entrySet()) {
      Path layers = Files.createDirectories(work.resolve(e.getKey() + "-tar"));
      run(List.of("tar", "-xf", e.getValue().toString(), "-C", layers.toString()));
      JsonNode manifest = JSON.readTree(layers.resolve("manifest.json").toFile()).path(0);
      JsonNode config = JSON.readTree(layers.resolve(manifest.path("Config").asText()).toFile());
      images.put(
          e.getKey(),
          new Image(e.getKey(), e.getValue(), manifest, config, layers, work.resolve(e.getKey())));
      System.out.printf(
          "image %s: %s, tarball %.1f MiB, %d layers, %.1f MiB unpacked%n",
          e.getKey(),
          manifest.path("RepoTags").path(0).asText(),
          Files.size(e.getValue()) / 1048576.0,
          manifest.path("Layers").size(),
          uncompressedSize(layers, manifest) / 1048576.0);
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void eachImageHasTheNameTheManifestsUseAndRunsItsCommandAsAnUnprivilegedUser() {
    String repository = System.getProperty("images.repository", "tributary");
    String tag = System.getProperty("images.tag");
    for (Image image : images.values()) {
      String expected = repository + "/" + image.name() + ":" + tag;
      assertThat(strings(image.manifest().path("RepoTags"))).containsExactly(expected);
      JsonNode c = image.containerConfig();
      assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
      assertThat(image.config().path("os").asText()).isEqualTo("linux");
      assertThat(c.path("User").asText()).as(expected).isEqualTo(USER);
      assertThat(image.entrypoint())
          .as(expected)
          .startsWith("/opt/java/bin/java")
          .contains("-cp", "@/app/jib-classpath-file");
      assertThat(strings(c.path("Env"))).contains("JAVA_HOME=/opt/java", "LANG=C.UTF-8");
      JsonNode labels = c.path("Labels");
      assertThat(labels.path("org.opencontainers.image.title").asText())
          .isEqualTo("tributary/" + image.name());
      assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(tag);
      assertThat(labels.path("org.opencontainers.image.base.name").asText())
          .isEqualTo("tributary/java-runtime");
    }
    for (String service : SERVICES) {
      Image image = images.get(service);
      assertThat(image.entrypoint()).last().isEqualTo("dev.tributary.launcher.TributaryCli");
      assertThat(image.cmd())
          .containsExactly(service, "--config", "/etc/tributary/tributary.properties");
      List<String> ports = new ArrayList<>();
      image.containerConfig().path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
      assertThat(ports).containsExactly(PORTS.get(service) + "/tcp");
    }
    Image recorder = images.get("recorder");
    assertThat(recorder.entrypoint()).last().isEqualTo("dev.tributary.recorder.cli.RecorderCli");
    assertThat(recorder.containerConfig().path("WorkingDir").asText())
        .isEqualTo("/var/lib/tributary");
    // One runtime layer, byte for byte the same under all four: stored and pulled once.
    assertThat(images.values().stream().map(i -> i.config().at("/rootfs/diff_ids/0").asText()))
        .containsOnly(images.get("gateway").config().at("/rootfs/diff_ids/0").asText());
  }

  @Test
  void javaRunsFromTheImageAsTheImageUserWithUtf8() throws Exception {
    Image image = unpacked("gateway");
    Result java =
        runIn(image, List.of("/opt/java/bin/java", "-XshowSettings:properties", "-version"));
    assertThat(java.exit).as(java.output).isZero();
    assertThat(java.output)
        .contains("java.specification.version = 17")
        .contains("user.name = tributary", "user.home = /home/tributary")
        .contains("sun.jnu.encoding = UTF-8", "file.encoding = UTF-8")
        .contains("java.io.tmpdir = /tmp");
  }

  @Test
  void everyServiceAnswersHelpAndPrintsItsSettingsFromAMountedFileAndTheEnvironment()
      throws Exception {
    Map<String, String[]> variables =
        Map.of(
            "gateway",
                new String[] {
                  "TRIBUTARY_GATEWAY_GATEWAY_ID", "gw-image", "gateway.gateway-id=gw-image"
                },
            "pipeline",
                new String[] {
                  "TRIBUTARY_PIPELINE_INSTANCE_ID",
                  "curation-image",
                  "pipeline.instance-id=curation-image"
                },
            "catalog", new String[] {"TRIBUTARY_CATALOG_PORT", "8282", "catalog.port=8282"});
    for (String service : SERVICES) {
      Image image = unpacked(service);
      List<String> help = new ArrayList<>(image.entrypoint());
      help.addAll(List.of(service, "--help"));
      Result h = runIn(image, help);
      assertThat(h.exit).as(h.output).isZero();
      assertThat(h.output).contains("--config", "--print-config");

      // The compose file's settings where compose mounts them, one variable from the environment.
      Path mounted = image.root().resolve("etc/tributary/tributary.properties");
      Files.copy(
          Path.of("..", "deploy", "compose", "tributary.properties"),
          mounted,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<String> command = new ArrayList<>(image.entrypoint());
      command.addAll(image.cmd());
      command.add("--print-config");
      String[] v = variables.get(service);
      Result printed = runIn(image, command, Map.of(v[0], v[1]));
      assertThat(printed.exit).as(printed.output).isZero();
      assertThat(printed.output).contains(v[2]);
      Files.delete(mounted);
    }
  }

  @Test
  void theNativeLibrariesTheServicesUnpackLoadInTheServiceImage() throws Exception {
    Image image = unpacked("catalog");
    // The probe class goes in as a mounted file would; its class path is the image's.
    Path probe = image.root().resolve("tmp/probe");
    String classFile = NativeLibrariesProbe.class.getName().replace('.', '/') + ".class";
    Path target = probe.resolve(classFile);
    Files.createDirectories(target.getParent());
    Files.copy(Path.of("target", "test-classes").resolve(classFile), target);
    String classpath = Files.readString(image.root().resolve("app/jib-classpath-file")).strip();
    Files.writeString(probe.resolve("args"), "-cp /tmp/probe:" + classpath + "\n");
    Result natives =
        runIn(
            image,
            List.of(
                "/opt/java/bin/java", "@/tmp/probe/args", NativeLibrariesProbe.class.getName()));
    assertThat(natives.exit).as(natives.output).isZero();
    assertThat(natives.output).contains("duckdb 42", "sqlite 3.", "zstd ok", "snappy ok", "lz4 ok");

    // FFmpeg through JavaCPP (the pipeline's camera checks): the launcher's recorder encodes H.264.
    List<String> record = new ArrayList<>(image.entrypoint());
    record.addAll(simulatedRecording("recorder", "/tmp/spool"));
    Result recorded = runIn(image, record);
    assertThat(recorded.exit).as(recorded.output).isZero();
    assertThat(recorded.output).contains("recorded episode");
  }

  @Test
  void theRecorderImageRecordsIntoItsVolumeAndImportsLeRobotDatasets() throws Exception {
    Image image = unpacked("recorder");
    Result help = runIn(image, concat(image.entrypoint(), image.cmd()));
    assertThat(help.exit).as(help.output).isZero();
    assertThat(help.output).contains("record", "upload", "import", "watch", "doctor");

    Result record = runIn(image, concat(image.entrypoint(), simulatedRecording(null, null)));
    assertThat(record.exit).as(record.output).isZero();
    Result status = runIn(image, concat(image.entrypoint(), List.of("status")));
    assertThat(status.output).as(status.output).contains("1 episode(s): {SPOOLED=1}");
    // The spool is where the image says (TRIBUTARY_RECORDER_SPOOL), owned by the image user.
    Path spool = image.root().resolve("var/lib/tributary/spool");
    assertThat(spool).isDirectory();
    assertThat(Files.getAttribute(spool, "unix:uid")).isEqualTo(10001);

    Assumptions.assumeTrue(Files.isDirectory(SAMPLE), "no shared LeRobot sample at " + SAMPLE);
    Path copy = image.root().resolve("tmp/lerobot-sample");
    run(List.of("cp", "-r", SAMPLE.toString(), copy.toString()));
    Result imported =
        runIn(
            image,
            concat(
                image.entrypoint(), List.of("import", "/tmp/lerobot-sample", "--site", "lisbon")));
    assertThat(imported.exit).as(imported.output).isZero();
    assertThat(imported.output).contains(" imported, 0 already spooled, 0 failed");
  }

  // ---------------------------------------------------------------------------------------------

  private static List<String> simulatedRecording(String prefix, String spool) {
    List<String> args = new ArrayList<>();
    if (prefix != null) {
      args.add(prefix);
    }
    args.addAll(
        List.of(
            "record",
            "--sim",
            "--fast",
            "--site",
            "lisbon",
            "--episodes",
            "1",
            "--length",
            "2s",
            "--cameras",
            "1",
            "--width",
            "64",
            "--height",
            "48"));
    if (spool != null) {
      args.addAll(List.of("--spool", spool));
    }
    return args;
  }

  /** The image's layers unpacked in order into its root, once; needs root and unshare. */
  private static synchronized Image unpacked(String name) throws Exception {
    Assumptions.assumeTrue(
        "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))),
        "running an image's entrypoint needs root (unshare --root, --setuid); this is not root");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/bin/sh")),
        "running an image's entrypoint needs util-linux's unshare (--root, --mount-proc) and sh");
    Image image = images.get(name);
    if (Files.isDirectory(image.root())) {
      return image;
    }
    Files.createDirectories(image.root());
    for (JsonNode layer : image.manifest().path("Layers")) {
      Path file = image.layers().resolve(layer.asText());
      applyWhiteouts(file, image.root());
      run(
          List.of(
              "tar",
              "-xf",
              file.toString(),
              "-C",
              image.root().toString(),
              "--numeric-owner",
              "--same-owner",
              "--same-permissions",
              "--warning=no-unknown-keyword",
              "--exclude=.wh.*",
              "--exclude=*/.wh.*"));
    }
    Files.createDirectories(image.root().resolve("proc"));
    return image;
  }

  /**
   * OCI whiteouts: {@code .wh.NAME} deletes NAME from the layers below, {@code .wh..wh..opq}
   * empties its directory; both apply before the layer's own files are extracted.
   */
  private static void applyWhiteouts(Path layer, Path root) throws Exception {
    for (String entry :
        run(List.of("tar", "-tf", layer.toString(), "--warning=no-unknown-keyword"))
            .output
            .lines()
            .toList()) {
      String clean = entry.startsWith("./") ? entry.substring(2) : entry;
      Path p = Path.of(clean);
      String file = p.getFileName() == null ? "" : p.getFileName().toString();
      if (!file.startsWith(".wh.")) {
        continue;
      }
      Path dir = p.getParent() == null ? root : root.resolve(p.getParent().toString());
      if (file.equals(".wh..wh..opq")) {
        try (Stream<Path> children = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
          for (Path child : children.toList()) {
            deleteTree(child);
          }
        }
      } else {
        deleteTree(dir.resolve(file.substring(".wh.".length())));
      }
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Result runIn(Image image, List<String> command) throws Exception {
    return runIn(image, command, Map.of());
  }

  /**
   * The command inside the image as its user, with the image's environment and working directory: a
   * chroot in new PID and mount namespaces with /proc mounted, as a container runtime does.
   */
  private static Result runIn(Image image, List<String> command, Map<String, String> env)
      throws Exception {
    String[] user = image.containerConfig().path("User").asText().split(":");
    String wd = image.containerConfig().path("WorkingDir").asText("/");
    // A private mount namespace in which the image root is a mount point (bind-mounted onto
    // itself), as a container's root file system is: Java finds free space and file stores through
    // /proc/self/mounts. Then the chroot, a new PID namespace (the JVM is PID 1) with its own
    // /proc,
    // the image's working directory and user. --kill-child: a timed-out run leaves nothing behind.
    List<String> full =
        new ArrayList<>(
            List.of(
                "/usr/bin/unshare",
                "--mount",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "mount --bind \"$1\" \"$1\" && shift && exec \"$@\"",
                "sh",
                image.root().toString(),
                "/usr/bin/unshare",
                "--fork",
                "--kill-child",
                "--pid",
                "--mount-proc=/proc",
                "--root=" + image.root(),
                "--wd=" + wd,
                "--setgid",
                user[1],
                "--setuid",
                user[0]));
    full.addAll(command);
    Map<String, String> environment = new LinkedHashMap<>();
    for (String kv : strings(image.containerConfig().path("Env"))) {
      int eq = kv.indexOf('=');
      environment.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    environment.putAll(env);
    Result result = run(full, environment);
    System.out.println(
        "$ [" + image.name() + "] " + String.join(" ", command) + "\n" + result.output);
    return result;
  }

  record Result(int exit, String output) {}

  private static Result run(List<String> command) throws Exception {
    Result r = run(command, null);
    assertThat(r.exit).as(String.join(" ", command) + "\n" + r.output).isZero();
    return r;
  }

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (env != null) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Path log = Files.createTempFile("image-it", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(finished).as("finished within 180 s: " + command + "\n" + output).isTrue();
    return new Result(process.exitValue(), output);
  }

  private static long uncompressedSize(Path layers, JsonNode manifest) throws Exception {
    long total = 0;
    for (JsonNode layer : manifest.path("Layers")) {
      String file = layers.resolve(layer.asText()).toString();
      // gzip -l wraps above 4 GiB; these layers are far smaller.
      String[] columns =
          run(List.of("gzip", "-l", file))
              .output
              .lines()
              .skip(1)
              .findFirst()
              .orElse("0")
              .trim()
              .split("\\s+");
      total += Long.parseLong(columns[1]);
    }
    return total;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
