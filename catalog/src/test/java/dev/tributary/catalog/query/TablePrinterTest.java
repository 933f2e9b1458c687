package dev.tributary.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private static final List<SiteStats> ROWS =
      List.of(
          new SiteStats("lisbon-makers", 120, 1.5, 100, 10, 6, 4, 162_000),
          new SiteStats("b", 3, 0.025, 3, 0, 0, 0, 2_700));

  @Test
  void rendersAnAlignedTableWithATotalLine() {
    String text = TablePrinter.render(ROWS);

    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith("SITE").contains("EPISODES", "HOURS", "FRAMES");
    assertThat(lines.get(2)).startsWith("lisbon-makers").endsWith("162000");
    assertThat(lines.get(3)).startsWith("b ").contains(" 0.03 ").endsWith("2700");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("TOTAL (2 sites)")
        .contains(" 123 ", " 1.53 ")
        .endsWith("164700");
    // Numbers are right-aligned: every data line ends in the same column.
    assertThat(lines.get(2)).hasSameSizeAs(lines.get(3));
    assertThat(lines.get(0)).hasSameSizeAs(lines.get(2));
  }

  @Test
  void rendersCsvWithAHeaderAndQuotesAwkwardSiteIds() {
    String csv = TablePrinter.renderCsv(List.of(new SiteStats("a,\"b\"", 1, 0.5, 1, 0, 0, 0, 10)));

    assertThat(csv)
        .isEqualTo(
            "site,episodes,hours,accepted,flagged,rejected,duplicates,frames\r\n"
                + "\"a,\"\"b\"\"\",1,0.500000,1,0,0,0,10\r\n");
  }

  @Test
  void rendersJsonWithSitesAndTotals() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(TablePrinter.renderJson(ROWS));

    assertThat(doc.path("sites")).hasSize(2);
    assertThat(doc.path("sites").get(0).path("siteId").asText()).isEqualTo("lisbon-makers");
    assertThat(doc.path("totals").path("episodes").asLong()).isEqualTo(123);
    assertThat(doc.path("totals").path("sites").asInt()).isEqualTo(2);
  }

  @Test
  void rendersAnEmptyCorpusAsHeaderAndZeroTotal() {
    assertThat(TablePrinter.render(List.of())).contains("TOTAL (0 sites)");
  }
}
