package dev.tributary.launcher.service;

import dev.tributary.schema.config.RecordBinder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** Binds a service's two config records (its own and the process's), then runs it until stopped. */
public final class ServiceRunner {
  private ServiceRunner() {}

  /** What a service command bound: the service's config and the process settings around it. */
  record Loaded<S extends Record, P extends Record>(S service, P process) {}

  /**
   * @param check the service config's own validation (problem lines), run once it bound
   * @return the bound configs, or null when there were problems or only printing was asked
   */
  static <S extends Record, P extends Record> Loaded<S, P> load(
      String name,
      ServiceOptions options,
      Class<S> serviceType,
      S serviceDefaults,
      Set<String> serviceSkip,
      Class<P> processType,
      P processDefaults,
      Function<S, List<String>> check,
      PrintWriter out,
      PrintWriter err) {
    List<String> processKeys = RecordBinder.keys(processType, "", Set.of());
    List<String> serviceKeys = RecordBinder.keys(serviceType, "", serviceSkip);
    List<String> known = new ArrayList<>(serviceKeys);
    known.addAll(processKeys);
    serviceSkip.forEach(k -> known.add(k + ".*"));
    Map<String, String> settings = options.settings(name, known);
    RecordBinder.Bound<S> service =
        RecordBinder.bindKnown(serviceType, serviceDefaults, settings, serviceSkip);
    RecordBinder.Bound<P> process =
        RecordBinder.bindKnown(processType, processDefaults, settings, Set.of());
    List<String> problems = new ArrayList<>(RecordBinder.unknownKeys(settings.keySet(), known));
    problems.addAll(service.problems());
    problems.addAll(process.problems());
    if (service.value() != null) {
      problems.addAll(check.apply(service.value()));
    }
    Map<String, String> effective = new TreeMap<>(service.effective());
    effective.putAll(process.effective());
    serviceSkip.forEach(effective::remove);
    if (!options.report(name, effective, problems, out, err)) {
      return null;
    }
    return new Loaded<>(service.value(), process.value());
  }

  /**
   * The problems a config's own {@code validate()} reports: it throws one {@link
   * IllegalStateException} whose message lists them after a colon, separated by "; ".
   */
  static List<String> problemsOf(dev.tributary.curation.config.PipelineConfig config) {
    try {
      config.validate();
      return List.of();
    } catch (IllegalStateException e) {
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      return List.of((colon < 0 ? message : message.substring(colon + 2)).split("; "));
    }
  }

  /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the service. */
  static void awaitShutdown(String name, AutoCloseable service) throws InterruptedException {
    awaitShutdown(name, service, () -> null, null);
  }

  /**
   * As {@link #awaitShutdown(String, AutoCloseable)}, and also returns 1 when the service's work
   * stopped on its own ({@code stoppedOnItsOwn} says why, null while it runs): the process then
   * exits non-zero, its shutdown hook closes the service, and a supervisor (Kubernetes, systemd,
   * compose) restarts it, instead of it staying up with nothing working inside.
   *
   * @return the exit status: 0 after a requested stop, 1 after a failure
   */
  static int awaitShutdown(
      String name, AutoCloseable service, Supplier<String> stoppedOnItsOwn, PrintWriter err)
      throws InterruptedException {
    return awaitShutdown(
        name,
        service,
        stoppedOnItsOwn,
        "exiting with status 1 so that its supervisor starts it again",
        err);
  }

  /**
   * As {@link #awaitShutdown(String, AutoCloseable, Supplier, PrintWriter)}, with the words that
   * follow the failure on stderr (what happens next, what to do).
   */
  public static int awaitShutdown(
      String name,
      AutoCloseable service,
      Supplier<String> stoppedOnItsOwn,
      String whatNext,
      PrintWriter err)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println("tributary " + name + ": stopping failed: " + e);
                  }
                  stopped.countDown();
                },
                "tributary-" + name + "-shutdown"));
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      String why = stoppedOnItsOwn.get();
      if (why != null) {
        err.println("tributary " + name + ": " + why + "; " + whatNext);
        err.flush();
        return 1;
      }
    }
    return 0;
  }
}
