package dev.tributary.catalog.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String VALID =
      """
      # HELP requests_total Requests.
      # TYPE requests_total counter
      requests_total{route="sites",status="200"} 3.0
      requests_total{route="a \\"quoted\\" \\\\ value\\n",status="500"} 1
      # TYPE latency_seconds histogram
      latency_seconds_bucket{le="0.1"} 1
      latency_seconds_bucket{le="+Inf"} 2
      latency_seconds_count 2
      latency_seconds_sum 0.3
      # TYPE scan_seconds summary
      scan_seconds_count 4
      scan_seconds_sum 1.5e-3
      # TYPE heap gauge
      heap NaN
      untyped_thing -Inf 1700000000000
      """;

  @Test
  void acceptsCountersHistogramsSummariesGaugesEscapesAndSpecialValues() {
    PrometheusText.Exposition doc = PrometheusText.parse(VALID);

    assertThat(doc.types())
        .containsEntry("requests_total", "counter")
        .containsEntry("latency_seconds", "histogram");
    assertThat(doc.sampleNames())
        .contains("requests_total", "latency_seconds_bucket", "scan_seconds_sum", "untyped_thing");
    assertThat(doc.samples().get(1).labels().get("route")).isEqualTo("a \"quoted\" \\ value\n");
  }

  @Test
  void rejectsAnInvalidMetricName() {
    assertThatThrownBy(() -> PrometheusText.parse("1abc 1\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("invalid metric name");
  }

  @Test
  void rejectsAnUnquotedLabelValueAndAnUnknownEscape() {
    assertThatThrownBy(() -> PrometheusText.parse("a{b=c} 1\n")).hasMessageContaining("not quoted");
    assertThatThrownBy(() -> PrometheusText.parse("a{b=\"\\t\"} 1\n"))
        .hasMessageContaining("invalid escape");
  }

  @Test
  void rejectsAValueThatIsNotANumber() {
    assertThatThrownBy(() -> PrometheusText.parse("a 1,5\n"))
        .hasMessageContaining("invalid sample value");
  }

  @Test
  void rejectsDuplicateSeriesAndASecondTypeLine() {
    assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n"))
        .hasMessageContaining("duplicate series");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\n# TYPE a gauge\na 1\n"))
        .hasMessageContaining("second TYPE");
  }

  @Test
  void rejectsSamplesOfOneFamilySplitByAnother() {
    assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n"))
        .hasMessageContaining("not contiguous");
  }

  @Test
  void rejectsAHistogramWithoutAnInfBucketAndATypeAfterItsSamples() {
    assertThatThrownBy(
            () -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n"))
        .hasMessageContaining("+Inf");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n"))
        .hasMessageContaining("after its samples");
  }

  @Test
  void rejectsAnExpositionWithoutTheFinalNewline() {
    assertThatThrownBy(() -> PrometheusText.parse("a 1")).hasMessageContaining("newline");
  }
}
