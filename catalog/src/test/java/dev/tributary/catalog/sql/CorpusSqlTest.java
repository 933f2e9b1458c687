package dev.tributary.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusSqlTest {
  @TempDir Path dir;
  TestLake lake;

  @BeforeEach
  void createLake() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  private void writeCorpus() {
    Episode a1 = Episode.accepted("aachen", "pick", 1);
    Episode a2 = Episode.accepted("aachen", "place", 2);
    Episode a3 = Episode.accepted("aachen", "pick", 3).status("REJECTED", "camera_frozen", "idle");
    Episode b1 = Episode.accepted("bologna", "pick", 4);
    Episode b2 = Episode.accepted("bologna", "pick", 5).duplicateOf(a1);
    Episode b3 = Episode.accepted("bologna", "pick", 6).status("REJECTED", "camera_frozen");
    new SyntheticCorpus(lake.catalog()).append(List.of(a1, a2, a3, b1));
    new SyntheticCorpus(lake.catalog()).append(List.of(b2, b3));
  }

  @Test
  void aggregatesOverBothViewsMatchTheRowsWrittenAcrossSeveralCommits() {
    writeCorpus();
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      SqlResult perSite =
          sql.query(
              "SELECT site_id, count(*) AS n, sum(sample_count) AS samples FROM episodes"
                  + " GROUP BY site_id ORDER BY site_id",
              100);
      // samples = 20 + seed % 11
      assertThat(perSite.columns()).containsExactly("site_id", "n", "samples");
      assertThat(perSite.rows())
          .containsExactly(
              List.of("aachen", 3L, 21L + 22 + 23), List.of("bologna", 3L, 24L + 25 + 26));
      SqlResult frames = sql.query("SELECT count(*), count(DISTINCT episode_id) FROM frames", 10);
      // the duplicate has no frames
      assertThat(frames.rows()).containsExactly(List.of(21L + 22 + 23 + 24 + 26, 5L));
    }
  }

  @Test
  void theNamedQueriesAnswerTheEverydayQuestions() {
    writeCorpus();
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      SqlResult reasons = sql.query(NamedQueries.resolve("rejection-reasons"), 100);
      assertThat(reasons.rows())
          .contains(
              List.of("REJECTED", "camera_frozen", 2L, 2L), List.of("REJECTED", "idle", 1L, 1L));
      SqlResult duplicates = sql.query(NamedQueries.resolve("duplicates"), 100);
      assertThat(duplicates.rows()).hasSize(1);
      assertThat(duplicates.rows().get(0).subList(1, 4)).containsExactly("aachen", 1L, "bologna");
      SqlResult sitesTasks = sql.query(NamedQueries.resolve("sites-tasks"), 100);
      assertThat(sitesTasks.rows().get(0).subList(0, 3)).containsExactly("bologna", "pick", 3L);
      for (String name : NamedQueries.names()) {
        assertThat(sql.query(NamedQueries.resolve(name), 100).columns()).isNotEmpty();
      }
    }
  }

  @Test
  void invalidSqlGetsAOneLineErrorThatNamesTheProblem() {
    writeCorpus();
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      assertThatThrownBy(() -> sql.query("SELECT nope FROM episodes", 10))
          .isInstanceOf(SqlException.class)
          .hasMessageStartingWith("SQL error: ")
          .hasMessageContaining("nope")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThatThrownBy(() -> sql.query("SELEC 1", 10))
          .isInstanceOf(SqlException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void writesSeveralStatementsAndFileAccessAreRefused() {
    writeCorpus();
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      assertThatThrownBy(() -> sql.query("DROP VIEW episodes", 10))
          .hasMessage(
              "only read-only queries (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) are"
                  + " allowed, got DROP");
      assertThatThrownBy(() -> sql.query("SELECT 1; DROP VIEW episodes", 10))
          .hasMessageStartingWith("only one statement per query");
      assertThatThrownBy(() -> sql.query("SELECT * FROM read_csv('/etc/passwd')", 10))
          .isInstanceOf(SqlException.class);
      assertThatThrownBy(
              () -> sql.query("SELECT 1 FROM (SELECT 1) t; SET enable_external_access = true", 10))
          .isInstanceOf(SqlException.class);
      // the statement guard ignores semicolons inside strings and a trailing one
      assertThat(sql.query("SELECT ';' AS s;", 10).rows()).containsExactly(List.of(";"));
    }
  }

  @Test
  void theRowLimitTruncatesAndSaysSo() {
    writeCorpus();
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      SqlResult result = sql.query("SELECT episode_id FROM episodes", 4);
      assertThat(result.rows()).hasSize(4);
      assertThat(result.truncated()).isTrue();
      assertThat(ResultPrinter.table(result)).endsWith("(4 rows, truncated at the row limit)\n");
    }
  }

  @Test
  void tablesWithoutDataAreEmptyTypedViews() {
    try (CorpusSql sql = CorpusSql.open(lake.catalog())) {
      SqlResult result = sql.query("SELECT count(*), sum(duration_s) FROM episodes", 10);
      assertThat(result.rows()).containsExactly(java.util.Arrays.asList(0L, null));
      assertThat(sql.query("SELECT state FROM frames", 10).rows()).isEmpty();
    }
  }

  @Test
  void aLakeWithoutTheCuratedTablesGetsAOneLineError() throws Exception {
    try (TestLake empty = TestLake.open(dir.resolve("empty"))) {
      assertThatThrownBy(() -> CorpusSql.open(empty.catalog()))
          .isInstanceOf(SqlException.class)
          .hasMessageContaining("does not exist yet");
    }
  }

  @Test
  void theCommandRendersTablesCsvAndJson() {
    writeCorpus();
    SqlCommand command = new SqlCommand();
    String table =
        command.run(
            lake.config(),
            "SELECT site_id, count(*) AS n FROM episodes GROUP BY 1 ORDER BY 1",
            ResultFormat.TABLE,
            100);
    assertThat(table)
        .isEqualTo(
            "site_id  n\n" + "----------\n" + "aachen   3\n" + "bologna  3\n" + "(2 rows)\n");
    String csv = command.run(lake.catalog(), "SELECT 'a,b' AS x, 1.5 AS y", ResultFormat.CSV, 100);
    assertThat(csv).isEqualTo("x,y\r\n\"a,b\",1.5\r\n");
    String json =
        command.run(lake.catalog(), "SELECT [1, 2] AS xs, NULL AS z", ResultFormat.JSON, 100);
    assertThat(json).contains("\"columns\":[\"xs\",\"z\"]").contains("\"rows\":[[[1,2],null]]");
    assertThatThrownBy(() -> ResultFormat.parse("xml"))
        .hasMessage("unknown output format 'xml'; use table, csv or json");
  }
}
