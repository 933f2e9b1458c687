package dev.tributary.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
  @Test
  void aServiceWhoseWorkStoppedOnItsOwnExitsWithOneAndSaysWhy() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    StringWriter err = new StringWriter();
    int status =
        ServiceRunner.awaitShutdown(
            "pipeline",
            () -> {},
            () ->
                asked.incrementAndGet() < 2
                    ? null
                    : "the curation loop stopped: IllegalStateException: fenced",
            new PrintWriter(err));
    assertThat(status).isEqualTo(1);
    assertThat(asked).as("asked again while it ran").hasValue(2);
    assertThat(err.toString())
        .contains("tributary pipeline: the curation loop stopped: IllegalStateException: fenced")
        .contains("exiting with status 1 so that its supervisor starts it again");
  }

  @Test
  void theAllInOnePlatformSaysWhatToDoNext() throws Exception {
    StringWriter err = new StringWriter();
    int status =
        ServiceRunner.awaitShutdown(
            "run",
            () -> {},
            () -> "the curation loop stopped: IllegalStateException: fenced",
            "start it again with the same command",
            new PrintWriter(err));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "tributary run: the curation loop stopped: IllegalStateException: fenced;"
                + " start it again with the same command")
        .doesNotContain("supervisor");
  }
}
