package dev.tributary.catalog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OpsFilesTest {

  @Test
  void extractsMetricNamesButNotFunctionsLabelsDurationsOrVariables() {
    assertThat(
            OpsFiles.metricNames(
                "sum by (site) (rate(http_total{status=~\"5..\", job=\"x\"}[$__rate_interval]))"
                    + " / clamp_min(sum(rate(http_total[5m])), 1e-9) > 0.05 and on (site)"
                    + " up == 0"))
        .containsExactly("http_total", "up");
    assertThat(OpsFiles.metricNames("label_values(tributary_catalog_site_episodes, site)"))
        .containsExactly("tributary_catalog_site_episodes");
    assertThat(OpsFiles.metricNames("time() - max by (site) (last_seconds) > 6 * 3600"))
        .containsExactly("last_seconds");
  }

  @Test
  void everyAlertRuleHasANameAnExpressionAWaitASeverityAndASummary() {
    JsonNode groups = OpsFiles.locate().alertRules().path("groups");
    assertThat(groups).isNotEmpty();
    int rules = 0;
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        rules++;
        String name = rule.path("alert").asText();
        assertThat(name).as("alert name").startsWith("Tributary");
        assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
        assertThat(rule.path("for").asText()).as(name + " for").matches("[0-9]+[smh]");
        assertThat(rule.path("labels").path("severity").asText())
            .as(name + " severity")
            .isIn("info", "warning", "critical");
        assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      }
    }
    assertThat(rules).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theScrapeConfigLoadsTheAlertRulesAndScrapesGatewayCatalogAndPipeline() {
    JsonNode config = OpsFiles.locate().scrapeConfig();
    assertThat(config.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    assertThat(config.path("scrape_configs").findValuesAsText("job_name"))
        .contains("tributary-gateway", "tributary-catalog", "tributary-pipeline");
    assertThat(config.path("scrape_configs").findValuesAsText("metrics_path"))
        .containsOnly("/metrics");
  }

  @Test
  void theGrafanaDashboardHasPanelsAndEveryPanelHasAQuery() {
    assertThat(OpsFiles.locate().dashboardExpressions()).hasSizeGreaterThan(20);
  }
}
