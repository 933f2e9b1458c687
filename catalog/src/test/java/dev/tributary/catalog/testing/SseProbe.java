package dev.tributary.catalog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A test client for a Server-Sent Events stream: reads it on a background thread and keeps every
 * event, so tests can await the ones they expect.
 */
public final class SseProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its type and its data parsed as JSON. */
  public record Event(String type, JsonNode data) {}

  private final List<Event> events = new ArrayList<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile int status;
  private volatile String contentType;

  public SseProbe(URI stream) {
    HttpClient client = HttpClient.newHttpClient();
    response =
        client.sendAsync(
            HttpRequest.newBuilder(stream).header("accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(this::read);
  }

  private void read(HttpResponse<Stream<String>> r) {
    status = r.statusCode();
    contentType = r.headers().firstValue("content-type").orElse("");
    String type = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = r.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            add(new Event(type, parse(data.toString())));
          }
          type = "message";
          data.setLength(0);
        } else if (line.startsWith("event: ")) {
          type = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data.append(line.substring("data: ".length()));
        }
      }
    } catch (RuntimeException e) {
      // the stream was closed by the test or the server
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void add(Event e) {
    events.add(e);
  }

  public synchronized List<Event> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  /** The data of the newest event of this type, or null. */
  public synchronized JsonNode last(String type) {
    List<Event> matching = events(type);
    return matching.isEmpty() ? null : matching.get(matching.size() - 1).data();
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  @Override
  public void close() {
    response.thenAccept(r -> r.body().close());
    response.cancel(true);
  }
}
