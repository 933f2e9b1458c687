package dev.tributary.gateway.auth;

import dev.tributary.gateway.error.Rejection;

/** Checks the admin bearer token in constant time. */
public final class AdminAuthenticator {
  private final byte[] adminTokenSha256;

  public AdminAuthenticator(String adminToken) {
    this.adminTokenSha256 = Secrets.sha256(adminToken);
  }

  /**
   * @param bearer the token from {@code Authorization: Bearer ...}, or null when absent
   */
  public void check(String bearer) {
    if (bearer == null) {
      throw Rejection.unauthorized(
          "missing_admin_token", "send the admin token as 'Authorization: Bearer <admin token>'");
    }
    if (!Secrets.constantTimeEquals(bearer, adminTokenSha256)) {
      throw Rejection.unauthorized(
          "invalid_admin_token",
          "the admin token is wrong: use the token the gateway was started with");
    }
  }
}
