package dev.tributary.catalog.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a token may do on the catalog service. */
public enum Role {
  /** The dashboard and site statistics. */
  ORGANIZER,
  /**
   * Also the curated tables: SQL and the Iceberg REST catalog (writes outside the curated ones).
   */
  DATA_TEAM,
  /** Everything: namespaces, token management. */
  ADMIN,
  /**
   * A curation pipeline that commits through the Iceberg REST catalog instead of reaching the
   * catalog database itself: it may create and commit to the curated tables, and read them; it may
   * write nothing else (no other tables, no namespaces, no SQL).
   */
  PIPELINE;

  /** {@code organizer}, {@code data-team}, {@code admin}: the names in requests and files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String label) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + label
            + "': use one of "
            + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
  }
}
