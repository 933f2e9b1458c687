package dev.tributary.catalog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.testing.HttpProbe;
import dev.tributary.catalog.testing.TableDigest;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergRestCatalogIT {

  @TempDir Path dataDir;

  private TestLake lake;
  private CatalogService service;
  private String restUri;
  private String dataTeamCredential;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @BeforeEach
  void startServiceOverALakeWithCuratedRows() throws Exception {
    lake = TestLake.withCuratedTables(dataDir);
    List<EpisodeRow> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(
          EpisodeRow.of("site-" + (i % 3), i % 5 == 0 ? "REJECTED" : "ACCEPTED", 20 + i, 600)
              .startedAt(OffsetDateTime.of(2026, 11, 20 + i % 2, 9, i, 0, 0, ZoneOffset.UTC)));
    }
    lake.appendEpisodes(rows);
    lake.appendFrames(
        rows.get(0).episodeId(), "site-0", OffsetDateTime.parse("2026-11-20T09:00:00Z"), 250);
    lake.appendFrames(
        rows.get(1).episodeId(), "site-1", OffsetDateTime.parse("2026-11-21T09:01:00Z"), 90);
    service =
        CatalogService.start(
            new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofSeconds(2)));
    restUri = service.baseUrl().resolve("iceberg").toString();
    JsonNode issued =
        JSON.readTree(
            new HttpProbe(service.baseUrl(), service.adminToken())
                .post("api/v1/admin/tokens", "{\"name\":\"alice\",\"role\":\"data-team\"}")
                .body());
    dataTeamCredential = "alice:" + issued.path("token").asText();
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    lake.close();
  }

  @Test
  void aSeparateJvmReadsTheSameRowsThroughIcebergsRestClient() throws Exception {
    List<String> results = runReaderInSeparateJvm(restUri, dataTeamCredential);

    assertThat(results)
        .contains("namespaces [tributary]")
        .contains("tables [tributary.episodes, tributary.frames]")
        .contains(
            "tributary.episodes "
                + TableDigest.of(lake.catalog().loadTable(CuratedTables.EPISODES)),
            "tributary.frames " + TableDigest.of(lake.catalog().loadTable(CuratedTables.FRAMES)));
    assertThat(results)
        .anySatisfy(line -> assertThat(line).startsWith("tributary.episodes 12 rows"));
    assertThat(results)
        .anySatisfy(line -> assertThat(line).startsWith("tributary.frames 340 rows"));
  }

  @Test
  void clientsWithoutAValidCredentialAreRefusedAndRevokedOnesStopWorking() throws Exception {
    assertThatThrownBy(
            () ->
                CatalogUtil.buildIcebergCatalog(
                    "anonymous",
                    Map.of("type", "rest", "uri", restUri),
                    new org.apache.hadoop.conf.Configuration()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("missing_token");
    assertThatThrownBy(() -> RemoteCatalog.connect(restUri, "credential", "alice:wrong"))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> RemoteCatalog.connect(restUri, "token", "not-a-token"))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("invalid_token");

    try (RemoteCatalog remote = RemoteCatalog.connect(restUri, "credential", dataTeamCredential)) {
      assertThat(remote.catalog().tableExists(CuratedTables.EPISODES)).isTrue();
      HttpProbe admin = new HttpProbe(service.baseUrl(), service.adminToken());
      assertThat(admin.delete("api/v1/admin/tokens/alice").statusCode()).isEqualTo(200);
      // The access token issued for alice's credential dies with it.
      assertThatThrownBy(() -> remote.catalog().loadTable(CuratedTables.EPISODES))
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageContaining("revoked_token");
    }
  }

  @Test
  void aFreshClientSeesTheCuratedSchemaAndSnapshots() throws Exception {
    try (RemoteCatalog remote = RemoteCatalog.connect(restUri, "credential", dataTeamCredential)) {
      Table episodes = remote.catalog().loadTable(CuratedTables.EPISODES);

      Table direct = lake.catalog().loadTable(CuratedTables.EPISODES);
      assertThat(episodes.schema().sameSchema(direct.schema())).isTrue();
      assertThat(episodes.schema().columns())
          .extracting(Types.NestedField::name)
          .isEqualTo(
              CuratedTables.EPISODES_SCHEMA.columns().stream()
                  .map(Types.NestedField::name)
                  .toList());
      assertThat(episodes.spec().fields()).hasSize(1);
      assertThat(episodes.properties()).containsEntry("write.format.default", "parquet");
      assertThat(episodes.currentSnapshot().snapshotId())
          .isEqualTo(
              lake.catalog().loadTable(CuratedTables.EPISODES).currentSnapshot().snapshotId());
      assertThat(remote.catalog().tableExists(CuratedTables.FRAMES)).isTrue();
      assertThat(remote.catalog().tableExists(TableIdentifier.of("tributary", "nope"))).isFalse();
      assertThatThrownBy(() -> remote.catalog().loadTable(TableIdentifier.of("tributary", "nope")))
          .isInstanceOf(NoSuchTableException.class);
    }
  }

  @Test
  void dataTeamsCreateAndCommitTheirOwnTablesThroughTheRestCatalog() throws Exception {
    Namespace scratch = Namespace.of("scratch");
    TableIdentifier id = TableIdentifier.of(scratch, "picked_episodes");
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "episode_id", Types.StringType.get()),
            Types.NestedField.optional(2, "weight", Types.DoubleType.get()));
    try (RemoteCatalog admin = RemoteCatalog.connect(restUri, "token", service.adminToken())) {
      // Iceberg's client probes containsKey(null) on the properties: no Map.of here.
      ((SupportsNamespaces) admin.catalog())
          .createNamespace(scratch, new HashMap<>(Map.of("owner", "data-team")));
    }
    try (RemoteCatalog remote = RemoteCatalog.connect(restUri, "credential", dataTeamCredential)) {
      assertThatThrownBy(
              () ->
                  ((SupportsNamespaces) remote.catalog())
                      .createNamespace(Namespace.of("alices_own"), new HashMap<>()))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("needs an admin token");
      Table table =
          remote
              .catalog()
              .buildTable(id, schema)
              .withPartitionSpec(PartitionSpec.unpartitioned())
              .withProperty("format-version", "2")
              .create();

      DataFile file = writeRows(table, List.of("e-1", "e-2", "e-3"));
      table.newAppend().appendFile(file).commit();
      table.updateProperties().set("purpose", "training-set-draft").commit();
    }

    // The commit landed in the JDBC catalog the service fronts.
    Table direct = lake.catalog().loadTable(id);
    assertThat(TableDigest.of(direct)).startsWith("3 rows");
    assertThat(direct.properties()).containsEntry("purpose", "training-set-draft");
    assertThat(((SupportsNamespaces) lake.catalog()).loadNamespaceMetadata(scratch))
        .containsEntry("owner", "data-team");
  }

  @Test
  void refusesCommitsDropsAndRenamesOfTheCuratedTables() throws Exception {
    try (RemoteCatalog remote = RemoteCatalog.connect(restUri, "credential", dataTeamCredential)) {
      Table episodes = remote.catalog().loadTable(CuratedTables.EPISODES);

      assertThatThrownBy(() -> episodes.updateProperties().set("x", "y").commit())
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("only the curation pipeline writes it");
      assertThatThrownBy(() -> remote.catalog().dropTable(CuratedTables.FRAMES))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(
              () ->
                  remote
                      .catalog()
                      .renameTable(CuratedTables.EPISODES, TableIdentifier.of("tributary", "old")))
          .isInstanceOf(ForbiddenException.class);
    }
    assertThat(lake.catalog().loadTable(CuratedTables.EPISODES).properties())
        .doesNotContainKey("x");
    assertThat(lake.catalog().tableExists(CuratedTables.FRAMES)).isTrue();
  }

  @Test
  void advertisesItsEndpointsInTheConfigResponse() {
    JsonNode config =
        new HttpProbe(service.baseUrl(), service.adminToken()).getJson("iceberg/v1/config");

    assertThat(config.path("endpoints").toString())
        .contains("GET /v1/{prefix}/namespaces/{namespace}/tables/{table}")
        .contains("POST /v1/{prefix}/namespaces/{namespace}/tables/{table}");
    assertThat(config.path("defaults").isObject()).isTrue();
    assertThat(config.path("overrides").isObject()).isTrue();
  }

  @Test
  void servesNestedNamespacesAndViewListings() throws Exception {
    Namespace team = Namespace.of("teams", "alice");
    try (RemoteCatalog remote = RemoteCatalog.connect(restUri, "token", service.adminToken())) {
      SupportsNamespaces namespaces = (SupportsNamespaces) remote.catalog();
      namespaces.createNamespace(Namespace.of("teams"), new HashMap<>());
      namespaces.createNamespace(team, new HashMap<>());

      assertThat(namespaces.listNamespaces(Namespace.of("teams"))).containsExactly(team);
      assertThat(namespaces.namespaceExists(team)).isTrue();
      assertThat(remote.catalog().listTables(team)).isEmpty();
    }
    JsonNode views =
        new HttpProbe(service.baseUrl(), service.adminToken())
            .getJson("iceberg/v1/namespaces/tributary/views");
    assertThat(views.path("identifiers")).isEmpty();
  }

  @Test
  void answersProtocolErrorsWithIcebergErrorBodies() {
    HttpProbe http = new HttpProbe(service.baseUrl(), service.adminToken());

    var missing = http.get("iceberg/v1/namespaces/nowhere/tables/x");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"type\":\"NoSuchTableException\"", "\"code\":404");

    var malformed = http.post("iceberg/v1/namespaces", "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"code\":400");

    assertThat(http.get("iceberg/v2/config").statusCode()).isEqualTo(404);
  }

  private static DataFile writeRows(Table table, List<String> ids) throws IOException {
    String location = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
    DataWriter<Record> writer =
        Parquet.writeData(table.io().newOutputFile(location))
            .schema(table.schema())
            .createWriterFunc(GenericParquetWriter::create)
            .withSpec(table.spec())
            .overwrite()
            .build();
    try (writer) {
      for (String id : ids) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("episode_id", id);
        r.setField("weight", 1.0);
        writer.write(r);
      }
    }
    return writer.toDataFile();
  }

  /** A REST client built from nothing but the service URL, as another engine would. */
  private record RemoteCatalog(Catalog catalog) implements AutoCloseable {
    /**
     * @param authKey {@code credential} (OAuth2 client credentials, {@code name:token}) or {@code
     *     token} (a bearer token used as it is)
     */
    static RemoteCatalog connect(String uri, String authKey, String secret) {
      return new RemoteCatalog(
          CatalogUtil.buildIcebergCatalog(
              "remote-" + UUID.randomUUID(),
              Map.of("type", "rest", "uri", uri, authKey, secret),
              new org.apache.hadoop.conf.Configuration()));
    }

    @Override
    public void close() throws Exception {
      ((AutoCloseable) catalog).close();
    }
  }

  private static List<String> runReaderInSeparateJvm(String uri, String credential)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                RestCatalogReaderMain.class.getName(),
                uri,
                credential)
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("reader JVM output:%n%s", output).isZero();
    return output
        .lines()
        .filter(line -> line.startsWith("RESULT "))
        .map(line -> line.substring("RESULT ".length()))
        .toList();
  }
}
