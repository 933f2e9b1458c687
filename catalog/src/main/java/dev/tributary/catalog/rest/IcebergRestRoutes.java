package dev.tributary.catalog.rest;

import dev.tributary.catalog.auth.Role;
import dev.tributary.catalog.http.Access;
import dev.tributary.catalog.http.HttpMetrics;
import dev.tributary.catalog.rest.RestErrors.RouteNotFoundException;
import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg REST catalog protocol under {@code /iceberg/}, served over the lake's own catalog
 * (JDBC on SQLite or PostgreSQL) with Iceberg's {@link CatalogHandlers}. Clients point {@code uri}
 * at {@code http://host:port/iceberg}.
 *
 * <p>Each call runs on the I/O worker pool. The curated tables are read-only here: the curation
 * pipeline is their only committer (Iceberg commits are optimistic, a second writer would contend
 * with it and could corrupt its offset bookkeeping), so changing, dropping, renaming or creating
 * them answers 403. Every other table (a data team's scratch space) is fully writable.
 */
public final class IcebergRestRoutes implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergRestRoutes.class);

  /** Where the protocol is mounted; a client's {@code uri} is this without the trailing slash. */
  public static final String MOUNT = "/iceberg/";

  /**
   * Catalog properties that tell clients how to reach storage; never credentials. Clients supply
   * their own keys (see the module README).
   */
  static final Set<String> STORAGE_HINTS =
      Set.of("io-impl", "s3.endpoint", "s3.path-style-access", "client.region", "s3.region");

  private static final List<Endpoint> TABLE_ENDPOINTS =
      List.of(
          Endpoint.V1_LIST_NAMESPACES,
          Endpoint.V1_LOAD_NAMESPACE,
          Endpoint.V1_NAMESPACE_EXISTS,
          Endpoint.V1_CREATE_NAMESPACE,
          Endpoint.V1_UPDATE_NAMESPACE,
          Endpoint.V1_DELETE_NAMESPACE,
          Endpoint.V1_LIST_TABLES,
          Endpoint.V1_LOAD_TABLE,
          Endpoint.V1_TABLE_EXISTS,
          Endpoint.V1_CREATE_TABLE,
          Endpoint.V1_UPDATE_TABLE,
          Endpoint.V1_DELETE_TABLE,
          Endpoint.V1_RENAME_TABLE,
          Endpoint.V1_REGISTER_TABLE,
          Endpoint.V1_REPORT_METRICS);

  private static final List<Endpoint> VIEW_ENDPOINTS =
      List.of(
          Endpoint.V1_LIST_VIEWS,
          Endpoint.V1_LOAD_VIEW,
          Endpoint.V1_VIEW_EXISTS,
          Endpoint.V1_CREATE_VIEW,
          Endpoint.V1_UPDATE_VIEW,
          Endpoint.V1_DELETE_VIEW,
          Endpoint.V1_RENAME_VIEW);

  /** Calls only admins may make; data teams create tables inside namespaces admins made. */
  private static final Set<String> NAMESPACE_CHANGES =
      Set.of("createNamespace", "dropNamespace", "updateNamespace");

  private final Catalog catalog;
  private final WorkerExecutor io;
  private final ConfigResponse config;

  public IcebergRestRoutes(Catalog catalog, LakeConfig lake, WorkerExecutor io) {
    this.catalog = catalog;
    this.io = io;
    // Iceberg's builder probes containsKey(null): use maps that allow it (not TreeMap, Map.of).
    Map<String, String> defaults = new HashMap<>();
    lake.toCatalogProperties().entrySet().stream()
        .filter(e -> STORAGE_HINTS.contains(e.getKey()))
        .forEach(e -> defaults.put(e.getKey(), e.getValue()));
    List<Endpoint> endpoints = new ArrayList<>(TABLE_ENDPOINTS);
    if (catalog instanceof ViewCatalog) {
      endpoints.addAll(VIEW_ENDPOINTS);
    }
    this.config =
        ConfigResponse.builder()
            .withDefaults(defaults)
            .withOverrides(new HashMap<>())
            .withEndpoints(endpoints)
            .build();
  }

  /** One resolved protocol call: a metrics name and the blocking work. */
  private record Call(String name, Callable<RESTResponse> work) {}

  @Override
  public void handle(RoutingContext ctx) {
    String method = ctx.request().method().name();
    Call call;
    try {
      call = resolve(method, segments(ctx.request().path()), ctx);
    } catch (RuntimeException e) {
      HttpMetrics.name(ctx, "iceberg.unknown");
      fail(ctx, method, e);
      return;
    }
    HttpMetrics.name(ctx, "iceberg." + call.name());
    if (NAMESPACE_CHANGES.contains(call.name()) && !Access.principal(ctx).isAdmin()) {
      fail(
          ctx,
          method,
          new ForbiddenException(
              "%s needs an admin token: namespaces are created, changed and dropped by admins;"
                  + " ask one to create yours, then create tables in it",
              call.name()));
      return;
    }
    io.executeBlocking(call.work(), false)
        .onSuccess(response -> respond(ctx, method, response))
        .onFailure(e -> fail(ctx, method, e));
  }

  /** The raw path below the mount, split on '/'; segments stay URL-encoded. */
  private static List<String> segments(String path) {
    String below = path.length() > MOUNT.length() ? path.substring(MOUNT.length()) : "";
    List<String> parts = new ArrayList<>(Arrays.asList(below.split("/", -1)));
    while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }

  private Call resolve(String method, List<String> path, RoutingContext ctx) {
    int n = path.size();
    if (n < 2 || !"v1".equals(path.get(0))) {
      throw notFound(method, path);
    }
    String first = path.get(1);
    if (n == 2 && first.equals("config") && method.equals("GET")) {
      return new Call("config", () -> config);
    }
    if (n == 3 && first.equals("tables") && path.get(2).equals("rename") && is(method, "POST")) {
      return new Call("renameTable", () -> renameTable(ctx));
    }
    if (n == 3 && first.equals("views") && path.get(2).equals("rename") && is(method, "POST")) {
      return new Call("renameView", () -> renameView(ctx));
    }
    if (!first.equals("namespaces")) {
      throw notFound(method, path);
    }
    if (n == 2) {
      return switch (method) {
        case "GET" -> new Call("listNamespaces", () -> listNamespaces(ctx));
        case "POST" ->
            new Call(
                "createNamespace",
                () ->
                    CatalogHandlers.createNamespace(
                        namespaces(), body(ctx, CreateNamespaceRequest.class)));
        default -> throw notFound(method, path);
      };
    }
    Namespace ns = namespace(path.get(2));
    if (n == 3) {
      return switch (method) {
        case "HEAD" ->
            new Call(
                "namespaceExists",
                () -> run(() -> CatalogHandlers.namespaceExists(namespaces(), ns)));
        case "GET" ->
            new Call("loadNamespace", () -> CatalogHandlers.loadNamespace(namespaces(), ns));
        case "DELETE" ->
            new Call(
                "dropNamespace", () -> run(() -> CatalogHandlers.dropNamespace(namespaces(), ns)));
        default -> throw notFound(method, path);
      };
    }
    String collection = path.get(3);
    if (n == 4) {
      return switch (collection + " " + method) {
        case "properties POST" ->
            new Call(
                "updateNamespace",
                () ->
                    CatalogHandlers.updateNamespaceProperties(
                        namespaces(), ns, body(ctx, UpdateNamespacePropertiesRequest.class)));
        case "tables GET" -> new Call("listTables", () -> listTables(ctx, ns));
        case "tables POST" -> new Call("createTable", () -> createTable(ctx, ns));
        case "register POST" -> new Call("registerTable", () -> registerTable(ctx, ns));
        case "views GET" -> new Call("listViews", () -> listViews(ctx, ns));
        case "views POST" ->
            new Call(
                "createView",
                () -> CatalogHandlers.createView(views(), ns, body(ctx, CreateViewRequest.class)));
        default -> throw notFound(method, path);
      };
    }
    TableIdentifier id = TableIdentifier.of(ns, RESTUtil.decodeString(path.get(4)));
    if (n == 5 && collection.equals("tables")) {
      return switch (method) {
        case "HEAD" ->
            new Call("tableExists", () -> run(() -> CatalogHandlers.tableExists(catalog, id)));
        case "GET" -> new Call("loadTable", () -> loadTable(ctx, id));
        case "POST" -> new Call("updateTable", () -> updateTable(ctx, id));
        case "DELETE" -> new Call("dropTable", () -> dropTable(ctx, id));
        default -> throw notFound(method, path);
      };
    }
    if (n == 5 && collection.equals("views")) {
      return switch (method) {
        case "HEAD" ->
            new Call("viewExists", () -> run(() -> CatalogHandlers.viewExists(views(), id)));
        case "GET" -> new Call("loadView", () -> CatalogHandlers.loadView(views(), id));
        case "POST" ->
            new Call(
                "updateView",
                () -> CatalogHandlers.updateView(views(), id, body(ctx, UpdateTableRequest.class)));
        case "DELETE" ->
            new Call("dropView", () -> run(() -> CatalogHandlers.dropView(views(), id)));
        default -> throw notFound(method, path);
      };
    }
    if (n == 6
        && collection.equals("tables")
        && path.get(5).equals("metrics")
        && is(method, "POST")) {
      // Scan and commit reports from clients: accepted and dropped (no consumer yet).
      return new Call("reportMetrics", () -> null);
    }
    throw notFound(method, path);
  }

  private RESTResponse listNamespaces(RoutingContext ctx) {
    String parent = ctx.request().getParam("parent");
    Namespace ns = parent == null ? Namespace.empty() : RESTUtil.namespaceFromQueryParam(parent);
    String pageSize = ctx.request().getParam("pageSize");
    return pageSize == null
        ? CatalogHandlers.listNamespaces(namespaces(), ns)
        : CatalogHandlers.listNamespaces(
            namespaces(), ns, ctx.request().getParam("pageToken"), pageSize);
  }

  private RESTResponse listTables(RoutingContext ctx, Namespace ns) {
    String pageSize = ctx.request().getParam("pageSize");
    return pageSize == null
        ? CatalogHandlers.listTables(catalog, ns)
        : CatalogHandlers.listTables(catalog, ns, ctx.request().getParam("pageToken"), pageSize);
  }

  private RESTResponse listViews(RoutingContext ctx, Namespace ns) {
    String pageSize = ctx.request().getParam("pageSize");
    return pageSize == null
        ? CatalogHandlers.listViews(views(), ns)
        : CatalogHandlers.listViews(views(), ns, ctx.request().getParam("pageToken"), pageSize);
  }

  private RESTResponse loadTable(RoutingContext ctx, TableIdentifier id) {
    String snapshots = ctx.request().getParam("snapshots");
    RESTCatalogProperties.SnapshotMode mode =
        snapshots == null
            ? RESTCatalogProperties.SnapshotMode.ALL
            : RESTCatalogProperties.SnapshotMode.valueOf(snapshots.toUpperCase(Locale.ROOT));
    return CatalogHandlers.loadTable(catalog, id, mode);
  }

  private RESTResponse createTable(RoutingContext ctx, Namespace ns) {
    CreateTableRequest request = body(ctx, CreateTableRequest.class);
    refuseCurated(ctx, TableIdentifier.of(ns, request.name()), "created");
    return request.stageCreate()
        ? CatalogHandlers.stageTableCreate(catalog, ns, request)
        : CatalogHandlers.createTable(catalog, ns, request);
  }

  private RESTResponse registerTable(RoutingContext ctx, Namespace ns) {
    RegisterTableRequest request = body(ctx, RegisterTableRequest.class);
    refuseCurated(ctx, TableIdentifier.of(ns, request.name()), "registered");
    return CatalogHandlers.registerTable(catalog, ns, request);
  }

  private RESTResponse updateTable(RoutingContext ctx, TableIdentifier id) {
    refuseCurated(ctx, id, "committed to");
    return CatalogHandlers.updateTable(catalog, id, body(ctx, UpdateTableRequest.class));
  }

  private RESTResponse dropTable(RoutingContext ctx, TableIdentifier id) {
    refuseCurated(ctx, id, "dropped");
    if (Boolean.parseBoolean(ctx.request().getParam("purgeRequested"))) {
      CatalogHandlers.purgeTable(catalog, id);
    } else {
      CatalogHandlers.dropTable(catalog, id);
    }
    return null;
  }

  private RESTResponse renameTable(RoutingContext ctx) {
    RenameTableRequest request = body(ctx, RenameTableRequest.class);
    refuseCurated(ctx, request.source(), "renamed");
    refuseCurated(ctx, request.destination(), "replaced");
    CatalogHandlers.renameTable(catalog, request);
    return null;
  }

  private RESTResponse renameView(RoutingContext ctx) {
    CatalogHandlers.renameView(views(), body(ctx, RenameTableRequest.class));
    return null;
  }

  /**
   * The curated tables are written by the curation pipeline only: through the REST catalog, by a
   * token of role {@code pipeline}, which may create them and commit to them (never drop, rename or
   * register) and may write nothing else.
   */
  private static void refuseCurated(RoutingContext ctx, TableIdentifier id, String action) {
    boolean curated = CuratedTables.all().contains(id) || CuratedTables.derived().contains(id);
    boolean pipeline = Access.principal(ctx).role() == Role.PIPELINE;
    if (curated && pipeline && (action.equals("created") || action.equals("committed to"))) {
      return;
    }
    if (curated) {
      throw new ForbiddenException(
          "%s is curated: only the curation pipeline writes it, it cannot be %s through the REST"
              + " catalog; write to a table in another namespace",
          id, action);
    }
    if (pipeline) {
      throw new ForbiddenException(
          "%s is not a curated table: a pipeline token writes only the curated tables", id);
    }
  }

  private SupportsNamespaces namespaces() {
    if (catalog instanceof SupportsNamespaces supports) {
      return supports;
    }
    throw new UnsupportedOperationException("catalog " + catalog.name() + " has no namespaces");
  }

  private ViewCatalog views() {
    if (catalog instanceof ViewCatalog supports) {
      return supports;
    }
    throw new UnsupportedOperationException("catalog " + catalog.name() + " has no views");
  }

  private static <T extends RESTRequest> T body(RoutingContext ctx, Class<T> type) {
    String json = ctx.body() == null ? null : ctx.body().asString();
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException(
          "request body with a " + type.getSimpleName() + " is required");
    }
    T request;
    try {
      request = RestJson.MAPPER.readValue(json, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
    request.validate();
    return request;
  }

  /** Namespace levels are joined by the unit separator (0x1F), URL-encoded in the path. */
  private static Namespace namespace(String encoded) {
    String[] levels = encoded.split("%1[Ff]|\u001f", -1);
    for (int i = 0; i < levels.length; i++) {
      levels[i] = RESTUtil.decodeString(levels[i]);
    }
    return Namespace.of(levels);
  }

  private static RESTResponse run(Runnable action) {
    action.run();
    return null;
  }

  private static boolean is(String method, String expected) {
    return method.equals(expected);
  }

  private static RouteNotFoundException notFound(String method, List<String> path) {
    return new RouteNotFoundException(
        "no Iceberg REST route for " + method + " " + MOUNT + String.join("/", path));
  }

  private static void respond(RoutingContext ctx, String method, RESTResponse response) {
    if (response == null || method.equals("HEAD")) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    String json;
    try {
      json = RestJson.MAPPER.writeValueAsString(response);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      fail(ctx, method, e);
      return;
    }
    ctx.response().putHeader("content-type", "application/json").end(json);
  }

  private static void fail(RoutingContext ctx, String method, Throwable e) {
    int status = RestErrors.statusOf(e);
    if (status >= 500) {
      LOG.warn("Iceberg REST {} {} failed with {}", method, ctx.request().path(), status, e);
    } else {
      LOG.debug(
          "Iceberg REST {} {} answered {}: {}", method, ctx.request().path(), status, e.toString());
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status);
    if (method.equals("HEAD")) {
      ctx.response().end();
      return;
    }
    ErrorResponse error =
        ErrorResponse.builder()
            .responseCode(status)
            .withType(e.getClass().getSimpleName())
            .withMessage(e.getMessage() == null ? e.toString() : e.getMessage())
            .build();
    String json;
    try {
      json = RestJson.MAPPER.writeValueAsString(error);
    } catch (com.fasterxml.jackson.core.JsonProcessingException serialisation) {
      json =
          "{\"error\":{\"message\":\"internal error\",\"type\":\"RuntimeException\",\"code\":500}}";
    }
    ctx.response().putHeader("content-type", "application/json").end(json);
  }
}
