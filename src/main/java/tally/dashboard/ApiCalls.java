package tally.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import tally.api.Account;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Outbox;
import tally.api.Params;
import tally.core.Clock;
import tally.core.Ids;
import tally.http.FormDecoder;
import tally.http.Route;
import tally.http.Router;
import tally.store.Db;

/**
 * The dashboard reads and acts through the API's own routes, in process: the same decoders, list
 * code, rules and events as {@code /v1}, for the signed-in account only. It never reads another
 * feature's tables.
 */
final class ApiCalls {
  private final Router router;
  private final Db db;
  private final Clock clock;
  private final Outbox outbox;

  ApiCalls(Router router, Db db, Clock clock, Outbox outbox) {
    this.router = router;
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
  }

  /** {@code GET path?query} as the account, in a read transaction. */
  ObjectNode get(Account account, String path, String query) {
    return db.read(h -> call(h, account, "GET", path, query));
  }

  /** {@code POST path} with a form body as the account, committed before it returns. */
  ObjectNode post(Account account, String path, String form) {
    return db.write(h -> call(h, account, "POST", path, form));
  }

  /** Runs several calls in one read transaction (a page that shows many things). */
  <T> T reading(Account account, java.util.function.Function<Reader, T> work) {
    return db.read(h -> work.apply((path, query) -> call(h, account, "GET", path, query)));
  }

  /** GETs inside one transaction. */
  @FunctionalInterface
  interface Reader {
    ObjectNode get(String path, String query);
  }

  /** Several POSTs that commit together or not at all (an action of more than one step). */
  <T> T posting(Account account, java.util.function.Function<Reader, T> work) {
    return db.write(h -> work.apply((path, form) -> call(h, account, "POST", path, form)));
  }

  /** A context for the account on this handle, for facades that take one (event timelines). */
  Ctx ctx(Handle h, Account account) {
    return new Ctx(account, h, Map.of(), clock, requestId(), null, outbox);
  }

  <T> T read(Account account, java.util.function.Function<Ctx, T> work) {
    return db.read(h -> work.apply(ctx(h, account)));
  }

  <T> T write(Account account, java.util.function.Function<Ctx, T> work) {
    return db.write(h -> work.apply(ctx(h, account)));
  }

  private ObjectNode call(Handle h, Account account, String method, String path, String form) {
    Router.Match match = router.match(method, path);
    if (match == null || !match.route().authenticated() || !path.startsWith("/v1/")) {
      throw new ApiException(
          new ApiError.InvalidRequest(404, null, null, "Unrecognized request URL: " + path));
    }
    Ctx ctx = new Ctx(account, h, match.pathParams(), clock, requestId(), null, outbox);
    return run(match.route(), ctx, form);
  }

  private static <P> ObjectNode run(Route<P> route, Ctx ctx, String form) {
    Params params = Params.of(FormDecoder.decode(form));
    P decoded = route.decoder().decode(params);
    params.finish();
    return route.handler().handle(ctx, decoded).toJson();
  }

  private static String requestId() {
    return "req_" + Ids.random(14);
  }
}
