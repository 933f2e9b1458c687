package dev.tributary.schema.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds flat {@code key=value} settings onto a service's typed config record, starting from the
 * record's own defaults: each record component is a key, its name in kebab case ({@code
 * bootstrapServers} -> {@code bootstrap-servers}); nested records take a prefix ({@code
 * object-store.endpoint}); {@code Map<String, String>} components take every key under their prefix
 * ({@code kafka.security.protocol}). So the keys, their types and their defaults are the record's,
 * written once there; nothing here lists them again.
 *
 * <p>Every problem (unknown key, value of the wrong type, a value the record refuses) is collected
 * as one line naming the key, never thrown one at a time.
 */
public final class RecordBinder {
  /** Words that make a key's value secret anywhere in its last segment. */
  private static final Set<String> SECRET_WORDS =
      Set.of("secret", "password", "credential", "jaas");

  /** Endings that make a key's value secret ({@code admin-token}, but not {@code token-ttl}). */
  private static final Set<String> SECRET_ENDINGS = Set.of("token", "access-key", "key-id");

  private RecordBinder() {}

  /** The result of a bind: the record when every setting was usable, and every problem. */
  public record Bound<R>(R value, List<String> problems, Map<String, String> effective) {}

  /**
   * @param type the config record
   * @param defaults the record with its defaults (components may be null: no default)
   * @param settings keys relative to this record
   * @param skip components the caller binds itself (e.g. interfaces), never reported unknown
   */
  public static <R extends Record> Bound<R> bind(
      Class<R> type, R defaults, Map<String, String> settings, Set<String> skip) {
    Bound<R> bound = bindKnown(type, defaults, settings, skip);
    List<String> problems = new ArrayList<>(bound.problems());
    problems.addAll(
        unknownKeys(
            settings.keySet().stream().filter(k -> !skipped(k, skip)).toList(),
            keys(type, "", skip)));
    return new Bound<>(problems.isEmpty() ? bound.value() : null, problems, bound.effective());
  }

  /** One problem line per key that none of {@code known} (as {@link #keys} lists them) names. */
  public static List<String> unknownKeys(Iterable<String> given, List<String> known) {
    List<String> out = new ArrayList<>();
    for (String key : given) {
      boolean isKnown = false;
      for (String k : known) {
        if (k.endsWith(".*") ? key.startsWith(k.substring(0, k.length() - 1)) : key.equals(k)) {
          isKnown = true;
          break;
        }
      }
      if (!isKnown) {
        out.add(unknown(key, known));
      }
    }
    return out;
  }

  /** Like {@link #bind}, but keys it does not know are left for the caller to report. */
  public static <R extends Record> Bound<R> bindKnown(
      Class<R> type, R defaults, Map<String, String> settings, Set<String> skip) {
    List<String> problems = new ArrayList<>();
    Map<String, String> used = new TreeMap<>();
    @SuppressWarnings("unchecked")
    R value = (R) bindRecord(type, defaults, settings, "", skip, problems, used);
    Map<String, String> effective = new TreeMap<>();
    if (value != null) {
      flatten(value, "", skip, effective);
    }
    return new Bound<>(problems.isEmpty() ? value : null, problems, effective);
  }

  /** Every key a record accepts (maps as {@code prefix.*}), for help and for "did you mean". */
  public static List<String> keys(Class<?> type, String prefix, Set<String> skip) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + kebab(c.getName());
      if (skip.contains(key)) {
        continue;
      }
      if (c.getType().isRecord()) {
        out.addAll(keys(c.getType(), key + ".", skip));
      } else if (Map.class.isAssignableFrom(c.getType())) {
        out.add(key + ".*");
      } else {
        out.add(key);
      }
    }
    return out;
  }

  /** True when a key names a secret: its value is never printed. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    String last = k.substring(k.lastIndexOf('.') + 1);
    return SECRET_WORDS.stream().anyMatch(k::contains)
        || SECRET_ENDINGS.stream().anyMatch(e -> last.endsWith(e) || k.endsWith(e));
  }

  static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('-').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static boolean skipped(String key, Set<String> skip) {
    for (String s : skip) {
      if (key.equals(s) || key.startsWith(s + ".")) {
        return true;
      }
    }
    return false;
  }

  private static Object bindRecord(
      Class<?> type,
      Object defaults,
      Map<String, String> settings,
      String prefix,
      Set<String> skip,
      List<String> problems,
      Map<String, String> used) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    boolean any = defaults != null;
    int before = problems.size();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String key = prefix + kebab(c.getName());
      Object current = defaults == null ? Configs.declaredDefault(c) : Configs.read(c, defaults);
      args[i] = current;
      if (skip.contains(key)) {
        continue;
      }
      Class<?> t = c.getType();
      if (t.isRecord()) {
        boolean present = settings.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
        if (present) {
          args[i] = bindRecord(t, current, settings, key + ".", skip, problems, used);
          any = true;
        }
      } else if (Map.class.isAssignableFrom(t)) {
        Map<String, String> map = new LinkedHashMap<>();
        if (current instanceof Map<?, ?> m) {
          m.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
        }
        settings.forEach(
            (k, v) -> {
              if (k.startsWith(key + ".")) {
                map.put(k.substring(key.length() + 1), v);
                used.put(k, v);
              }
            });
        args[i] = map;
      } else if (settings.containsKey(key)) {
        String raw = settings.get(key);
        used.put(key, raw);
        any = true;
        try {
          args[i] = convert(raw.trim(), t, c.getGenericType());
        } catch (IllegalArgumentException e) {
          problems.add(key + " = '" + raw + "': " + e.getMessage());
        }
      }
    }
    if (!any || problems.size() > before) {
      return defaults;
    }
    try {
      return Configs.construct(type, args);
    } catch (RuntimeException e) {
      problems.add(
          (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ": ")
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return defaults;
    }
  }

  static Object convert(String raw, Class<?> t, Type generic) {
    try {
      if (t == String.class) {
        return raw;
      }
      if (t == int.class || t == Integer.class) {
        long v = parseLong(raw);
        if (v != (int) v) {
          throw new IllegalArgumentException("out of range for a 32-bit number");
        }
        return (int) v;
      }
      if (t == long.class || t == Long.class) {
        return parseLong(raw);
      }
      if (t == double.class || t == Double.class) {
        return Double.parseDouble(raw);
      }
      if (t == float.class || t == Float.class) {
        return Float.parseFloat(raw);
      }
      if (t == boolean.class || t == Boolean.class) {
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("not true or false");
        }
        return Boolean.parseBoolean(raw);
      }
      if (t == URI.class) {
        URI uri = URI.create(raw);
        if (uri.getScheme() == null) {
          throw new IllegalArgumentException("not an absolute URL such as http://host:9000");
        }
        return uri;
      }
      if (t == Duration.class) {
        return duration(raw);
      }
      if (t == Path.class) {
        return Path.of(raw);
      }
      if (t.isEnum()) {
        for (Object constant : t.getEnumConstants()) {
          if (((Enum<?>) constant).name().equalsIgnoreCase(raw)) {
            return constant;
          }
        }
        throw new IllegalArgumentException(
            "not one of " + Arrays.toString(t.getEnumConstants()).toLowerCase(Locale.ROOT));
      }
      if (List.class.isAssignableFrom(t)
          && generic instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] == String.class) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    throw new IllegalArgumentException(
        "settings of type " + t.getSimpleName() + " are not supported");
  }

  /** Plain numbers, or with a binary size suffix: 8MiB, 256KiB, 1GiB. */
  private static long parseLong(String raw) {
    String s = raw.replace("_", "").trim();
    long unit = 1;
    for (var suffix :
        List.of(
            Map.entry("KiB", 1L << 10), Map.entry("MiB", 1L << 20), Map.entry("GiB", 1L << 30))) {
      if (s.endsWith(suffix.getKey())) {
        unit = suffix.getValue();
        s = s.substring(0, s.length() - suffix.getKey().length()).trim();
      }
    }
    return Long.parseLong(s) * unit;
  }

  /** ISO-8601 ({@code PT15M}) or a number with a unit: 500ms, 2s, 15m, 1h, 7d. */
  static Duration duration(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("pt") || s.startsWith("p")) {
      try {
        return Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a duration such as 2s, 15m or PT15M");
      }
    }
    String[][] units = {
      {"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}
    };
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        String number = s.substring(0, s.length() - u[0].length()).trim();
        try {
          return Duration.ofMillis(Math.round(Double.parseDouble(number) * Long.parseLong(u[1])));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("not a duration such as 500ms, 2s, 15m, 1h or PT15M");
  }

  private static String unknown(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k.replace(".*", ""));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return "unknown key '"
        + key
        + "'"
        + (best != null && bestDistance <= Math.max(2, key.length() / 4)
            ? ": did you mean '" + best + "'?"
            : ": known keys are " + known);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The record as flat keys, secrets redacted: what a service prints as its effective config. */
  public static Map<String, String> effective(Record record, Set<String> skip) {
    Map<String, String> out = new TreeMap<>();
    flatten(record, "", skip, out);
    return out;
  }

  private static void flatten(
      Object record, String prefix, Set<String> skip, Map<String, String> out) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      String key = prefix + kebab(c.getName());
      Object v = Configs.read(c, record);
      if (skip.contains(key)) {
        out.put(key, v == null ? "" : "(" + v.getClass().getSimpleName() + ")");
      } else if (v != null && v.getClass().isRecord()) {
        flatten(v, key + ".", skip, out);
      } else if (v instanceof Map<?, ?> m) {
        m.forEach((k, val) -> out.put(key + "." + k, show(key + "." + k, val)));
      } else if (v instanceof List<?> list) {
        out.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
      } else {
        out.put(key, show(key, v));
      }
    }
  }

  private static String show(String key, Object v) {
    if (v == null) {
      return "";
    }
    return isSecret(key) ? "(redacted)" : String.valueOf(v);
  }
}
