package dev.tributary.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchIcebergTableException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;

/** Maps catalog exceptions to the HTTP status codes the Iceberg REST specification assigns. */
final class RestErrors {
  private RestErrors() {}

  private static final Map<Class<? extends Exception>, Integer> CODES =
      Map.ofEntries(
          Map.entry(IllegalArgumentException.class, 400),
          Map.entry(ValidationException.class, 400),
          Map.entry(BadRequestException.class, 400),
          Map.entry(JsonProcessingException.class, 400),
          Map.entry(NotAuthorizedException.class, 401),
          Map.entry(ForbiddenException.class, 403),
          Map.entry(NoSuchNamespaceException.class, 404),
          Map.entry(NoSuchTableException.class, 404),
          Map.entry(NoSuchViewException.class, 404),
          Map.entry(NoSuchIcebergTableException.class, 404),
          Map.entry(RouteNotFoundException.class, 404),
          Map.entry(UnsupportedOperationException.class, 406),
          Map.entry(AlreadyExistsException.class, 409),
          Map.entry(CommitFailedException.class, 409),
          Map.entry(NamespaceNotEmptyException.class, 409),
          Map.entry(UnprocessableEntityException.class, 422),
          Map.entry(CommitStateUnknownException.class, 500));

  /** The status for {@code e}: the closest mapped superclass, else 500. */
  static int statusOf(Throwable e) {
    for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
      Integer code = CODES.get(type);
      if (code != null) {
        return code;
      }
    }
    return 500;
  }

  /** No route of the REST catalog matches the request's method and path. */
  static final class RouteNotFoundException extends RuntimeException {
    RouteNotFoundException(String message) {
      super(message);
    }
  }
}
