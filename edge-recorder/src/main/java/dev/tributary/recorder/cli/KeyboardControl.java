package dev.tributary.recorder.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The operator's commands during {@code record --arm}, one per line (a key, then Enter, so it works
 * in any terminal, Windows' included, and through a pipe): Enter alone starts or stops, {@code r}
 * re-records, {@code d} discards, {@code q} quits, {@code t TEXT} sets the task. Read on a daemon
 * thread; the recording loop polls without blocking.
 */
final class KeyboardControl {
  static final String HELP =
      "Enter: start / stop and keep | r: stop and re-record | d: stop and discard | q: stop, keep"
          + " and quit | t TEXT: task of the next episodes";

  enum Key {
    ENTER,
    RERECORD,
    DISCARD,
    QUIT,
    TASK,
    UNKNOWN,
    /** The input ended (closed terminal or pipe): no command will come any more. */
    END_OF_INPUT
  }

  record Command(Key key, String text) {}

  private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
  private volatile boolean listening;
  private volatile boolean ended;

  private KeyboardControl() {}

  /** No keyboard (not a terminal): no command ever comes. */
  static KeyboardControl none() {
    KeyboardControl control = new KeyboardControl();
    control.ended = true;
    return control;
  }

  static KeyboardControl reading(Reader in) {
    KeyboardControl control = new KeyboardControl();
    control.listening = true;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines = new BufferedReader(in)) {
                String line;
                while ((line = lines.readLine()) != null) {
                  control.queue.add(parse(line));
                }
              } catch (IOException e) {
                // the terminal went away: same as the end of input
              }
              control.ended = true;
              control.queue.add(new Command(Key.END_OF_INPUT, ""));
            },
            "keyboard");
    reader.setDaemon(true);
    reader.start();
    return control;
  }

  static Command parse(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return new Command(Key.ENTER, "");
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("t") || lower.startsWith("t ")) {
      return new Command(Key.TASK, t.substring(1).strip());
    }
    return switch (lower) {
      case "r" -> new Command(Key.RERECORD, "");
      case "d" -> new Command(Key.DISCARD, "");
      case "q" -> new Command(Key.QUIT, "");
      default -> new Command(Key.UNKNOWN, t);
    };
  }

  /** True when keys are read (a terminal or a given input), even if it has ended since. */
  boolean listening() {
    return listening;
  }

  /** True once the input ended: waiting for a key would wait forever. */
  boolean ended() {
    return ended && queue.isEmpty();
  }

  /** The next command if one was typed, else null. */
  Command poll() {
    return queue.poll();
  }

  /** Waits up to {@code millis} for the next command; null when none came. */
  Command await(long millis) throws InterruptedException {
    if (ended()) {
      return new Command(Key.END_OF_INPUT, "");
    }
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }
}
