package dev.tributary.schema.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default of a config record's component, written next to it, in the same text a config file
 * would use ({@code "127.0.0.1"}, {@code "15m"}, {@code "8MiB"}). A component without one has no
 * default (null, or zero for a number) and must be set when the record's validation requires it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.METHOD
})
public @interface Default {
  String value();
}
