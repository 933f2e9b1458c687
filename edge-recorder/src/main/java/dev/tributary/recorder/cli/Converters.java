package dev.tributary.recorder.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Human-friendly option values: durations like 10s / 500ms / 2m, sizes like 512MiB / 8GiB. */
final class Converters {
  private Converters() {}

  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      Matcher m = SIMPLE.matcher(v);
      if (m.matches()) {
        double n = Double.parseDouble(m.group(1));
        double millis =
            switch (m.group(2)) {
              case "ms" -> n;
              case "s" -> n * 1000;
              case "m" -> n * 60_000;
              default -> n * 3_600_000;
            };
        return Duration.ofMillis(Math.round(millis));
      }
      try {
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m, 1h");
      }
    }
  }

  static final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE =
        Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kib|kb|mib|mb|gib|gb|tib|tb)?");

    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a size; use e.g. 500MiB, 8GiB or a byte count");
      }
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      double factor =
          switch (unit) {
            case "kib" -> 1L << 10;
            case "kb" -> 1e3;
            case "mib" -> 1L << 20;
            case "mb" -> 1e6;
            case "gib" -> 1L << 30;
            case "gb" -> 1e9;
            case "tib" -> 1L << 40;
            case "tb" -> 1e12;
            default -> 1;
          };
      return Math.round(n * factor);
    }
  }
}
