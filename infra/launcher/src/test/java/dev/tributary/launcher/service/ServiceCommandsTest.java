package dev.tributary.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.launcher.TributaryCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-service commands read one file plus the environment, and say every problem in a line. */
class ServiceCommandsTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private Path file() throws Exception {
    return Files.writeString(
        dir.resolve("tributary.properties"),
        String.join(
            "\n",
            "gateway.bootstrap-servers=k1:9092,k2:9092",
            "gateway.s3-endpoint=http://10.0.0.5:9000",
            "gateway.s3-public-endpoint=https://videos.example.org",
            "gateway.admin-token=a-long-admin-secret",
            "gateway.kafka.security.protocol=SASL_SSL",
            "gateway.kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"gw\" password=\"pw-123\";",
            "gateway.limits.site-burst=500",
            "pipeline.bootstrap-servers=k1:9092",
            "pipeline.lake.catalog-uri=jdbc:postgresql://db:5432/lake",
            "pipeline.lake.warehouse=s3://lake/warehouse",
            "pipeline.lake.extra-properties.jdbc.password=db-secret",
            "pipeline.metrics-port=9465",
            "catalog.port=8282",
            ""));
  }

  @Test
  void printConfigShowsTheEffectiveSettingsWithSecretsRedacted() throws Exception {
    assertThat(TributaryCli.execute("gateway", "--config", file().toString(), "--print-config"))
        .isEqualTo(0);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("gateway.bootstrap-servers=k1:9092,k2:9092")
        .contains("gateway.s3-public-endpoint=https://videos.example.org")
        .contains("gateway.kafka.security.protocol=SASL_SSL")
        .contains("gateway.kafka.sasl.jaas.config=(redacted)")
        .contains("gateway.admin-token=(redacted)")
        .contains("gateway.limits.site-burst=500")
        .contains("gateway.port=8080")
        .doesNotContain("pw-123", "a-long-admin-secret", "pipeline.");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    assertThat(TributaryCli.execute("pipeline", "--config", file().toString(), "--print-config"))
        .isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("pipeline.lake.catalog-uri=jdbc:postgresql://db:5432/lake")
        .contains("pipeline.lake.extra-properties.jdbc.password=(redacted)")
        .contains("pipeline.metrics-port=9465")
        .doesNotContain("db-secret");
  }

  @Test
  void saveIndexReadsThePipelinesSettingsAndSaysWhenThereIsNothingToSave() throws Exception {
    Path lake = dir.resolve("lake");
    int code =
        TributaryCli.execute(
            "pipeline",
            "save-index",
            "--config",
            file().toString(),
            "--set",
            "lake.catalog-uri=jdbc:sqlite:" + lake.resolve("catalog.db"),
            "--set",
            "lake.warehouse=" + lake.resolve("warehouse").toUri());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the episodes table is empty: nothing to save");

    assertThat(TributaryCli.execute("pipeline", "save-index", "--set", "index-save-intervl=0s"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("tributary pipeline: unknown key 'index-save-intervl'");
  }

  @Test
  void everyProblemIsOneLineAndTheServiceDoesNotStart() throws Exception {
    int code =
        TributaryCli.execute(
            "gateway",
            "--config",
            file().toString(),
            "--set",
            "prot=8081",
            "--set",
            "presign-ttl=soon",
            "--set",
            "admin-token=short");
    assertThat(code).isEqualTo(2);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines)
        .anyMatch(l -> l.equals("tributary gateway: unknown key 'prot': did you mean 'port'?"))
        .anyMatch(l -> l.startsWith("tributary gateway: presign-ttl = 'soon': not a duration"))
        .allMatch(l -> l.startsWith("tributary gateway: "));
    // the semantic check runs once the types are right
    err.reset();
    assertThat(
            TributaryCli.execute(
                "gateway", "--config", file().toString(), "--set", "admin-token=short"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("adminToken is missing or shorter than 8 characters");
  }

  @Test
  void environmentVariablesOverrideTheFileAndReachMapSettings() throws Exception {
    Map<String, String> env =
        Map.of(
            "TRIBUTARY_GATEWAY_PORT", "9999",
            "TRIBUTARY_GATEWAY_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "TRIBUTARY_PIPELINE_PORT", "1");
    Map<String, String> settings =
        ServiceSettings.load(
            "gateway",
            file(),
            env,
            List.of("gateway-id=gw-2"),
            List.of("port", "kafka.*", "gateway-id"));
    assertThat(settings)
        .containsEntry("port", "9999")
        .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("gateway-id", "gw-2")
        .doesNotContainKey("metrics-port");
  }
}
