package dev.tributary.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tributary.launcher.TributaryCli;
import dev.tributary.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment manifests in {@code infra/deploy} cannot rot unnoticed: every YAML document
 * parses; Kubernetes objects have the fields and API versions their kinds need, and every reference
 * between them resolves (selectors, Secrets and their keys, ConfigMaps, volume claims, the HPA's
 * target); the Strimzi topics are exactly those {@code Topics} declares, with their compaction;
 * pipeline replicas do not exceed the ingest partitions; and each service's settings, the
 * properties file plus the {@code TRIBUTARY_*} variables the manifests set, are accepted by that
 * service's own {@code --print-config} (unknown keys, wrong types and refused values all fail it);
 * and every Tributary image the manifests name is the one the {@code images} profile builds for
 * that service (the same {@code images.repository} and {@code images.tag} the pom gives Jib;
 * ContainerImagesIT checks the tarballs carry those names), run as the image's user. There is no
 * Kubernetes or Docker here, so the Kubernetes OpenAPI schemas themselves are not applied.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> SERVICES = List.of("gateway", "pipeline", "catalog");
  private static final Map<String, String> API_VERSIONS =
      Map.ofEntries(
          Map.entry("Namespace", "v1"),
          Map.entry("ConfigMap", "v1"),
          Map.entry("Secret", "v1"),
          Map.entry("Service", "v1"),
          Map.entry("PersistentVolumeClaim", "v1"),
          Map.entry("Deployment", "apps/v1"),
          Map.entry("StatefulSet", "apps/v1"),
          Map.entry("CronJob", "batch/v1"),
          Map.entry("PodDisruptionBudget", "policy/v1"),
          Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
          Map.entry("Kafka", "kafka.strimzi.io/v1beta2"),
          Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
          Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"));

  /** The user the images run as (infra/images/runtime-image.sh, the pom's Jib configuration). */
  private static final int IMAGE_USER = 10001;

  @TempDir Path dir;

  @Test
  void everyTributaryImageIsTheOneTheBuildProducesForThatService() throws Exception {
    String repository = System.getProperty("images.repository");
    String tag = System.getProperty("images.tag");
    assertThat(tag).as("images.tag (set by surefire from the pom)").isNotBlank();
    Set<String> named = new HashSet<>();
    JsonNode services =
        YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile()).path("services");
    services
        .fields()
        .forEachRemaining(
            s -> {
              String image = s.getValue().path("image").asText();
              String command = s.getValue().path("command").path(0).asText();
              if (SERVICES.contains(command) || image.startsWith(repository + "/")) {
                assertThat(image)
                    .as("compose " + s.getKey())
                    .isEqualTo(repository + "/" + command + ":" + tag);
                named.add(command);
              }
            });
    for (JsonNode d : kubernetesDocs()) {
      JsonNode pod = podSpec(d);
      if (pod == null) {
        continue;
      }
      String name = d.path("metadata").path("name").asText();
      for (JsonNode c : pod.path("containers")) {
        String service = c.path("args").path(0).asText();
        assertThat(c.path("image").asText())
            .as("kubernetes " + name)
            .isEqualTo(repository + "/" + service + ":" + tag);
        named.add(service);
      }
      // The image runs as 10001 already; saying so lets runAsNonRoot be checked and fsGroup make
      // volumes writable for it.
      JsonNode security = pod.path("securityContext");
      assertThat(security.path("runAsNonRoot").asBoolean()).as(name).isTrue();
      assertThat(security.path("runAsUser").asInt()).as(name).isEqualTo(IMAGE_USER);
      assertThat(security.path("fsGroup").asInt()).as(name).isEqualTo(IMAGE_USER);
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(SERVICES);
  }

  @Test
  void kubernetesObjectsAreCompleteAndEveryReferenceResolves() throws Exception {
    List<JsonNode> docs = kubernetesDocs();
    Map<String, JsonNode> byKindAndName = new HashMap<>();
    for (JsonNode doc : docs) {
      String kind = doc.path("kind").asText();
      String name = doc.path("metadata").path("name").asText();
      assertThat(API_VERSIONS).as("kind %s", kind).containsKey(kind);
      assertThat(doc.path("apiVersion").asText())
          .as(kind + " " + name)
          .isEqualTo(API_VERSIONS.get(kind));
      assertThat(name).as("a %s without metadata.name", kind).isNotBlank();
      if (!kind.equals("Namespace")) {
        assertThat(doc.path("metadata").path("namespace").asText()).as(name).isEqualTo("tributary");
      }
      assertThat(byKindAndName.put(kind + "/" + name, doc))
          .as("duplicate " + kind + "/" + name)
          .isNull();
    }
    Map<String, JsonNode> workloads = new LinkedHashMap<>();
    docs.stream()
        .filter(d -> Set.of("Deployment", "StatefulSet").contains(d.path("kind").asText()))
        .forEach(d -> workloads.put(d.path("metadata").path("name").asText(), d));
    assertThat(workloads.keySet()).containsExactlyInAnyOrder("gateway", "pipeline", "catalog");

    for (JsonNode w : workloads.values()) {
      JsonNode spec = w.path("spec");
      JsonNode podLabels = spec.path("template").path("metadata").path("labels");
      spec.path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
      for (JsonNode c : spec.path("template").path("spec").path("containers")) {
        assertThat(c.path("image").asText()).startsWith("tributary/");
        for (JsonNode env : c.path("env")) {
          JsonNode secret = env.path("valueFrom").path("secretKeyRef");
          if (!secret.isMissingNode()) {
            JsonNode s = byKindAndName.get("Secret/" + secret.path("name").asText());
            assertThat(s).as("secret " + secret).isNotNull();
            assertThat(s.path("stringData").has(secret.path("key").asText()))
                .as(secret.toString())
                .isTrue();
          }
        }
      }
      for (JsonNode v : spec.path("template").path("spec").path("volumes")) {
        if (v.has("configMap")) {
          assertThat(byKindAndName)
              .containsKey("ConfigMap/" + v.path("configMap").path("name").asText());
        }
        if (v.has("persistentVolumeClaim")) {
          assertThat(byKindAndName)
              .containsKey(
                  "PersistentVolumeClaim/"
                      + v.path("persistentVolumeClaim").path("claimName").asText());
        }
      }
    }
    for (JsonNode doc : docs) {
      String kind = doc.path("kind").asText();
      JsonNode selector =
          kind.equals("Service")
              ? doc.path("spec").path("selector")
              : kind.equals("PodDisruptionBudget")
                  ? doc.path("spec").path("selector").path("matchLabels")
                  : null;
      if (selector != null) {
        assertThat(workloads.values().stream().anyMatch(w -> selects(selector, w)))
            .as(kind + " " + doc.path("metadata").path("name").asText() + " selects no workload")
            .isTrue();
      }
    }
    JsonNode hpa = byKindAndName.get("HorizontalPodAutoscaler/gateway");
    assertThat(hpa).isNotNull();
    assertThat(byKindAndName)
        .containsKey("Deployment/" + hpa.path("spec").path("scaleTargetRef").path("name").asText());
    assertThat(
            docs.stream()
                .filter(d -> d.path("kind").asText().equals("PodDisruptionBudget"))
                .count())
        .isEqualTo(3);

    // Strimzi topics: exactly the declared ones, compacted where Topics says so.
    Map<String, JsonNode> topics = new HashMap<>();
    docs.stream()
        .filter(d -> d.path("kind").asText().equals("KafkaTopic"))
        .forEach(d -> topics.put(d.path("spec").path("topicName").asText(), d.path("spec")));
    Map<String, String> declared = new HashMap<>();
    for (var topic : List.of(Topics.INGEST, Topics.VERDICTS, Topics.REGISTRY, Topics.DEAD_LETTER)) {
      declared.put(topic.name(), topic.config().getOrDefault("cleanup.policy", "delete"));
    }
    assertThat(topics.keySet()).isEqualTo(declared.keySet());
    declared.forEach(
        (name, cleanup) ->
            assertThat(topics.get(name).path("config").path("cleanup.policy").asText("delete"))
                .as(name)
                .isEqualTo(cleanup));
    int ingestPartitions = topics.get(Topics.INGEST.name()).path("partitions").asInt();
    assertThat(workloads.get("pipeline").path("spec").path("replicas").asInt())
        .isBetween(1, ingestPartitions);
  }

  @Test
  void composeRunsTheWholePlatformAndEveryReferenceResolves() throws Exception {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile());
    JsonNode services = compose.path("services");
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "s3",
            "postgres",
            "gateway-1",
            "gateway-2",
            "gateway-lb",
            "pipeline-1",
            "pipeline-2",
            "catalog",
            "prometheus",
            "grafana");
    services
        .fields()
        .forEachRemaining(
            s -> {
              for (JsonNode dep : s.getValue().path("depends_on")) {
                assertThat(names).as(s.getKey() + " depends on " + dep).contains(dep.asText());
              }
              for (JsonNode volume : s.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                  assertThat(DEPLOY.resolve("compose").resolve(source))
                      .as(s.getKey() + " mounts " + source)
                      .exists();
                } else {
                  assertThat(compose.path("volumes").has(source))
                      .as("named volume " + source)
                      .isTrue();
                }
              }
            });
    String nginx = Files.readString(DEPLOY.resolve("compose/nginx.conf"));
    assertThat(nginx).contains("server gateway-1:8080").contains("server gateway-2:8080");
    for (String file :
        List.of("prometheus.yml", "grafana-datasource.yml", "grafana-dashboards.yml")) {
      assertThat(YAML.readTree(DEPLOY.resolve("compose").resolve(file).toFile()).isObject())
          .isTrue();
    }
  }

  @Test
  void everyServiceAcceptsItsSettingsFromComposeAndFromKubernetes() throws Exception {
    // compose: one properties file, variables per container.
    JsonNode services =
        YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile()).path("services");
    Path composeFile = DEPLOY.resolve("compose/tributary.properties");
    services
        .fields()
        .forEachRemaining(
            s -> {
              Map<String, String> env = new LinkedHashMap<>();
              s.getValue()
                  .path("environment")
                  .fields()
                  .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
              String command = s.getValue().path("command").path(0).asText();
              if (SERVICES.contains(command)) {
                assertAccepted(command, composeFile, env, "compose " + s.getKey());
              }
            });

    // Kubernetes: the ConfigMap's file, variables per workload.
    List<JsonNode> docs = kubernetesDocs();
    JsonNode configMap =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    Path k8sFile =
        Files.writeString(
            dir.resolve("k8s.properties"),
            configMap.path("data").path("tributary.properties").asText());
    for (JsonNode d : docs) {
      JsonNode pod = podSpec(d);
      if (pod == null) {
        continue;
      }
      for (JsonNode c : pod.path("containers")) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : c.path("env")) {
          env.put(
              e.path("name").asText(), e.has("value") ? e.path("value").asText() : "${from-k8s}");
        }
        assertAccepted(
            c.path("args").path(0).asText(),
            k8sFile,
            env,
            "kubernetes " + d.path("metadata").path("name").asText());
      }
    }
  }

  /** The service's own --print-config, with the manifest's TRIBUTARY_ variables as --set. */
  private void assertAccepted(String service, Path file, Map<String, String> env, String where) {
    List<String> known = new ArrayList<>(printConfig(service, file, List.of()).keySet());
    known.add("kafka.*");
    known.add("lake.extra-properties.*");
    String prefix = "TRIBUTARY_" + service.toUpperCase() + "_";
    Map<String, String> variables = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("TRIBUTARY_")) {
            assertThat(name).as(where + ": " + name + " is not for " + service).startsWith(prefix);
            // Secrets and pod names are not in the manifest: stand-ins that pass validation.
            variables.put(
                name,
                value.startsWith("$")
                    ? "stand-in-" + name.toLowerCase() + "-0123456789abcdef"
                    : value);
          }
        });
    Map<String, String> fromEnv = ServiceSettings.load(service, null, variables, List.of(), known);
    assertThat(fromEnv)
        .as(where + ": variables that name no " + service + " key")
        .hasSameSizeAs(variables);
    List<String> sets = new ArrayList<>();
    fromEnv.forEach((k, v) -> sets.add(k + "=" + v));
    Map<String, String> effective = printConfig(service, file, sets);
    assertThat(effective).as(where).isNotEmpty();
  }

  /** Runs {@code tributary <service> --config file --print-config}; fails on any problem line. */
  private static Map<String, String> printConfig(String service, Path file, List<String> sets) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(List.of(service, "--config", file.toString(), "--print-config"));
    sets.forEach(
        s -> {
          args.add("--set");
          args.add(s);
        });
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = TributaryCli.execute(args.toArray(String[]::new));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String problems = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(problems).isZero();
    // Without the secrets (the first, file-only run) the service names them as missing; nothing
    // else.
    if (!sets.isEmpty()) {
      assertThat(problems).as("%s settings from %s", service, file).isEmpty();
    }
    Map<String, String> printed = new LinkedHashMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith(service + ".") && eq > 0) {
        printed.put(line.substring(service.length() + 1, eq), line.substring(eq + 1));
      }
    }
    return printed;
  }

  private static boolean selects(JsonNode selector, JsonNode workload) {
    JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
    Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
    boolean any = false;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      any = true;
      if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return any;
  }

  /** The pod a workload or a CronJob runs; null for other kinds. */
  private static JsonNode podSpec(JsonNode doc) {
    return switch (doc.path("kind").asText()) {
      case "Deployment", "StatefulSet" -> doc.path("spec").path("template").path("spec");
      case "CronJob" ->
          doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      default -> null;
    };
  }

  private static List<JsonNode> kubernetesDocs() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (MappingIterator<JsonNode> it =
            YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
          while (it.hasNext()) {
            JsonNode doc = it.next();
            if (doc != null && !doc.isNull() && !doc.isEmpty()) {
              docs.add(doc);
            }
          }
        }
      }
    }
    assertThat(docs).hasSizeGreaterThan(15);
    return docs;
  }
}
