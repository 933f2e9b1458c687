package dev.tributary.schema.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every typed config record gets without writing it per key: its defaults (from {@link
 * Default} on each component), copies with one component changed, and a {@code toString} that hides
 * secrets.
 */
public final class Configs {
  private Configs() {}

  /** The record with every component at its {@link Default} (null or zero where none). */
  public static <R extends Record> R defaults(Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = declaredDefault(components[i]);
    }
    return construct(type, args);
  }

  /** A component's {@link Default}; else zero for numbers, empty for maps, null otherwise. */
  static Object declaredDefault(RecordComponent c) {
    Default d = c.getAnnotation(Default.class);
    if (d != null) {
      return RecordBinder.convert(d.value(), c.getType(), c.getGenericType());
    } else if (c.getType().isPrimitive()) {
      return RecordBinder.convert(c.getType() == boolean.class ? "false" : "0", c.getType(), null);
    } else if (Map.class.isAssignableFrom(c.getType())) {
      return Map.of();
    }
    return null;
  }

  /** A copy of {@code record} with the component {@code name} set to {@code value}. */
  public static <R extends Record> R with(R record, String name, Object value) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) record.getClass();
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    boolean found = false;
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        args[i] = value;
        found = true;
      } else {
        args[i] = read(components[i], record);
      }
    }
    if (!found) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name);
    }
    return construct(type, args);
  }

  /** {@code Name[key=value, ...]} with secret values (tokens, keys, passwords) redacted. */
  public static String toString(Record record) {
    Map<String, String> flat = RecordBinder.effective(record, Set.of());
    return record.getClass().getSimpleName()
        + flat.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "[", "]"));
  }

  static Object read(RecordComponent c, Object record) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  static <R> R construct(Class<R> type, Object[] args) {
    try {
      Constructor<R> constructor =
          type.getDeclaredConstructor(
              Arrays.stream(type.getRecordComponents())
                  .map(RecordComponent::getType)
                  .toArray(Class<?>[]::new));
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }
}
