package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tally.api.Account;
import tally.api.ApiException;
import tally.api.ErrorJson;
import tally.core.Clock;
import tally.core.Json;
import tally.core.Sequence;
import tally.http.ApiRequest;
import tally.http.ApiResponse;
import tally.http.Exchange;
import tally.http.Interceptor;
import tally.store.Db;

/**
 * The API requests each account made (writes, and reads that failed), for its objects' pages. A
 * request only hands its entry to an in-memory queue (no masking, no JSON writing, no SQL on its
 * thread or in its transaction); a writer drains the queue every {@value #GATHER_MILLIS} ms, masks
 * the bodies and inserts the batch in one transaction, then trims each account to its newest
 * {@value #KEEP_PER_ACCOUNT}. When the queue is full, entries are dropped and counted: the log
 * never slows or fails the API.
 */
final class RequestLog implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  static final int KEEP_PER_ACCOUNT = 1000;
  static final int MAX_BODY = 16_384;
  static final long GATHER_MILLIS = 100;
  private static final int QUEUE = 2_000; // bodies wait here as trees: bound the memory
  private static final int BATCH = 1000;

  private final Db db;
  private final Clock clock;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<String, Integer> sinceTrim = new ConcurrentHashMap<>();

  RequestLog(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What a request leaves behind: raw, masked later on the writer. */
  private record Entry(
      String accountId,
      String requestId,
      long seq,
      long created,
      String method,
      String path,
      int status,
      String idempotencyKey,
      String params,
      JsonNode response,
      Collection<String> pathIds) {}

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (!exchange.request().path().startsWith("/v1/")) {
      return chain.proceed();
    }
    boolean read = exchange.request().method().equals("GET");
    ApiResponse response;
    try {
      response = chain.proceed();
    } catch (ApiException e) {
      enqueue(exchange, ErrorJson.status(e.error()), ErrorJson.render(e.error()));
      throw e;
    }
    // Reads that succeed touch nothing and are most of the traffic: a list page's body alone is
    // 250 KB. Logging them cost GET /v1/charges?limit=100 99% of its throughput (83 req/s).
    if (!read || response.status() >= 400) {
      enqueue(exchange, response.status(), response.body());
    }
    return response;
  }

  private void enqueue(Exchange exchange, int status, JsonNode body) {
    Account account = exchange.account();
    if (account == null) {
      return; // refused before the key was known: no account to show it to
    }
    ApiRequest request = exchange.request();
    Entry entry =
        new Entry(
            account.id(),
            exchange.requestId(),
            Sequence.next(),
            clock.nowSeconds(),
            request.method(),
            request.path(),
            status,
            request.header("Idempotency-Key"),
            request.encodedParams(),
            body,
            exchange.match() == null ? List.of() : exchange.match().pathParams().values());
    if (!queue.offer(entry)) {
      dropped.incrementAndGet();
      return;
    }
    if (writing.compareAndSet(false, true)) {
      Thread.ofVirtual().name("request-log").start(this::drain);
    }
  }

  /** Writes batches until the queue is empty; exactly one drainer runs at a time. */
  private void drain() {
    while (true) {
      try {
        Thread.sleep(GATHER_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        writing.set(false);
        return;
      }
      List<Entry> batch = new ArrayList<>();
      queue.drainTo(batch, BATCH);
      if (!batch.isEmpty()) {
        write(batch);
        continue;
      }
      writing.set(false);
      // An entry queued after drainTo but before the flag cleared must still find a drainer.
      if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /** One row to insert: masked and written out before the batch reaches the database writer. */
  private record Row(Entry entry, String requestBody, String responseBody, String ids) {
    Row(Entry e) {
      this(e, bounded(Masking.form(e.params())), bounded(compact(e.response())), objectIds(e));
    }
  }

  private void write(List<Entry> batch) {
    // SQLite has one writer, shared with the API: it gets finished rows, not masking and JSON work.
    List<Row> rows = batch.stream().map(Row::new).toList();
    List<String> trim = accountsToTrim(batch);
    try {
      db.write(h -> {
        var insert =
            h.prepareBatch(
                "INSERT INTO request_log (account_id, request_id, seq, created, method, path,"
                    + " status, idempotency_key, request_body, response_body, object_ids) VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        for (Row row : rows) {
          Entry e = row.entry();
          insert
              .bind(0, e.accountId())
              .bind(1, e.requestId())
              .bind(2, e.seq())
              .bind(3, e.created())
              .bind(4, e.method())
              .bind(5, e.path())
              .bind(6, e.status())
              .bind(7, e.idempotencyKey())
              .bind(8, row.requestBody())
              .bind(9, row.responseBody())
              .bind(10, row.ids())
              .add();
        }
        insert.execute();
        for (String account : trim) {
          h.execute(
              "DELETE FROM request_log WHERE account_id = ? AND seq < (SELECT seq FROM"
                  + " request_log WHERE account_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
              account,
              account,
              KEEP_PER_ACCOUNT - 1);
        }
        return null;
      });
    } catch (RuntimeException e) {
      // The database is closing or down: the log is best effort, the API already answered.
      dropped.addAndGet(batch.size());
      LOG.debug("request log batch of {} dropped: {}", batch.size(), e.toString());
    }
  }

  /** Accounts that logged a tenth of their allowance since their last trim. */
  private List<String> accountsToTrim(List<Entry> batch) {
    List<String> due = new ArrayList<>();
    for (Entry e : batch) {
      int n = sinceTrim.merge(e.accountId(), 1, Integer::sum);
      if (n >= KEEP_PER_ACCOUNT / 10 && sinceTrim.remove(e.accountId()) != null) {
        due.add(e.accountId());
      }
    }
    return due;
  }

  /** The ids a request named in its path, and of the object it answered with or failed on. */
  private static String objectIds(Entry e) {
    StringBuilder ids = new StringBuilder(" ");
    e.pathIds().forEach(id -> ids.append(id).append(' '));
    if (e.response() != null) {
      JsonNode error = e.response().path("error");
      // A decline names the charge and intent it left behind.
      for (JsonNode id :
          List.of(
              e.response().path("id"),
              error.path("charge"),
              error.path("payment_intent").path("id"),
              error.path("setup_intent").path("id"))) {
        if (id.isTextual()) {
          ids.append(id.asText()).append(' ');
        }
      }
    }
    return ids.toString();
  }

  /** Stored compact (the writer's CPU is the API's too); pretty-printed only when shown. */
  private static String compact(JsonNode body) {
    return body == null ? "" : Json.write(Masking.json(body));
  }

  private static String pretty(String stored) {
    if (stored.isEmpty() || stored.length() >= MAX_BODY) {
      return stored;
    }
    try {
      return Json.pretty(Json.tree(stored));
    } catch (RuntimeException e) {
      return stored;
    }
  }

  private static String bounded(String s) {
    return s.length() <= MAX_BODY ? s : s.substring(0, MAX_BODY) + "\n… (cut at " + MAX_BODY + ")";
  }

  /** Entries dropped so far (queue full, or the database refused a batch). */
  long dropped() {
    return dropped.get();
  }

  /** The account's logged requests that named {@code objectId}, newest first. */
  List<Views.Request> touching(String accountId, String objectId, int limit) {
    String like =
        "% " + objectId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %";
    return db.read(h ->
        h.createQuery(
                "SELECT request_id, created, method, path, status, idempotency_key, request_body,"
                    + " response_body FROM request_log WHERE account_id = ? AND object_ids LIKE ?"
                    + " ESCAPE '\\' ORDER BY seq DESC LIMIT ?")
            .bind(0, accountId)
            .bind(1, like)
            .bind(2, limit)
            .map((rs, c) ->
                new Views.Request(
                    rs.getString(1),
                    Format.time(rs.getLong(2)),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getString(6),
                    rs.getString(7),
                    pretty(rs.getString(8))))
            .list());
  }
}
