package dev.tributary.schema.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordBinderTest {
  record Store(URI endpoint, @Default("us-east-1") String region, String secretKey) {
    Store {
      if (endpoint == null) {
        throw new IllegalArgumentException("endpoint is required");
      }
    }
  }

  record Service(
      @Default("127.0.0.1") String host,
      @Default("8080") int port,
      @Default("15m") Duration ttl,
      @Default("8MiB") long partSize,
      String adminToken,
      Map<String, String> kafka,
      List<String> tags,
      Store store) {}

  @Test
  void defaultsComeFromTheAnnotationsNextToTheComponents() {
    Service d = Configs.defaults(Service.class);
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.port()).isEqualTo(8080);
    assertThat(d.ttl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.partSize()).isEqualTo(8L << 20);
    assertThat(d.adminToken()).isNull();
    assertThat(d.kafka()).isEmpty();
    assertThat(Configs.with(d, "port", 9090).port()).isEqualTo(9090);
    assertThat(Configs.with(d, "port", 9090).host()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> Configs.with(d, "nope", 1)).hasMessageContaining("no component nope");
  }

  @Test
  void settingsBindOntoComponentsNestedRecordsAndMaps() {
    var bound =
        RecordBinder.bind(
            Service.class,
            Configs.defaults(Service.class),
            Map.of(
                "port", "9000",
                "ttl", "2s",
                "admin-token", "s3cr3t-token",
                "kafka.security.protocol", "SASL_SSL",
                "tags", "a, b",
                "store.endpoint", "http://s3:9000",
                "store.secret-key", "hidden"),
            Set.of());
    assertThat(bound.problems()).isEmpty();
    Service s = bound.value();
    assertThat(s.port()).isEqualTo(9000);
    assertThat(s.ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.kafka()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(s.tags()).containsExactly("a", "b");
    assertThat(s.store().endpoint()).isEqualTo(URI.create("http://s3:9000"));
    assertThat(s.store().region()).isEqualTo("us-east-1");
    assertThat(bound.effective())
        .containsEntry("port", "9000")
        .containsEntry("admin-token", "(redacted)")
        .containsEntry("store.secret-key", "(redacted)")
        .containsEntry("kafka.security.protocol", "SASL_SSL");
    assertThat(Configs.toString(s)).doesNotContain("s3cr3t-token", "hidden");
  }

  @Test
  void everyProblemIsOneLineNamingItsKey() {
    var bound =
        RecordBinder.bind(
            Service.class,
            Configs.defaults(Service.class),
            Map.of("prot", "1", "ttl", "soon", "port", "eighty", "store.region", "eu"),
            Set.of());
    assertThat(bound.value()).isNull();
    assertThat(bound.problems())
        .anyMatch(p -> p.contains("unknown key 'prot'") && p.contains("did you mean 'port'"))
        .anyMatch(p -> p.startsWith("ttl = 'soon'") && p.contains("2s"))
        .anyMatch(p -> p.startsWith("port = 'eighty'") && p.contains("not a number"))
        .anyMatch(p -> p.startsWith("store: endpoint is required"));
  }

  @Test
  void secretsAreRecognisedByNameButTheirLifetimesAndFilesAreNot() {
    assertThat(RecordBinder.isSecret("admin-token")).isTrue();
    assertThat(RecordBinder.isSecret("s3-secret-key")).isTrue();
    assertThat(RecordBinder.isSecret("object-store.access-key")).isTrue();
    assertThat(RecordBinder.isSecret("lake.extra-properties.s3.access-key-id")).isTrue();
    assertThat(RecordBinder.isSecret("lake.extra-properties.jdbc.password")).isTrue();
    assertThat(RecordBinder.isSecret("kafka.sasl.jaas.config")).isTrue();
    assertThat(RecordBinder.isSecret("auth.access-token-ttl")).isFalse();
    assertThat(RecordBinder.isSecret("auth.tokens-file")).isFalse();
    assertThat(RecordBinder.isSecret("tls-key-path")).isFalse();
    assertThat(RecordBinder.isSecret("port")).isFalse();
  }

  @Test
  void skippedKeysAreLeftToTheCaller() {
    var bound =
        RecordBinder.bind(
            Service.class,
            Configs.defaults(Service.class),
            Map.of("metrics-port", "9464"),
            Set.of("metrics-port"));
    assertThat(bound.problems()).isEmpty();
  }
}
