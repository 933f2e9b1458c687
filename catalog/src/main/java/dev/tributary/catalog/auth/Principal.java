package dev.tributary.catalog.auth;

/**
 * Who made a request: the name its token was issued to and its role.
 *
 * @param name the token's name (an OAuth2 client id)
 */
public record Principal(String name, Role role) {
  /** Every caller when authentication is off. */
  public static final Principal ANONYMOUS_ADMIN = new Principal("anonymous", Role.ADMIN);

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
