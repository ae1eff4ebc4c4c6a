package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tally.api.Account;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.auth.ApiKeys;
import tally.core.Clock;
import tally.core.Ids;
import tally.core.Json;
import tally.store.Db;
import tally.store.Table;

/**
 * Sessions of the v2 meter event stream: {@code POST /v2/billing/meter_event_session} (API key)
 * hands out a token that authenticates {@code /v2/billing/meter_event_stream} for 15 minutes.
 * Tokens are looked up once per process and then kept in memory, so the stream's authentication
 * costs no query per request.
 */
final class MeterEventSessions {
  static final long LIFETIME_SECONDS = 15 * 60;
  static final Table<MeterEventSession> TABLE =
      Table.of("meter_event_sessions", MeterEventSession.class);

  private record Known(String accountId, long expiresAt) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private Db db;
  private Clock clock;

  void connect(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  MeterEventSession create(Ctx ctx) {
    long now = ctx.now();
    MeterEventSession session =
        new MeterEventSession(
            Ids.newId("mes_"), now, now + LIFETIME_SECONDS, "mes_auth_test_" + Ids.random(40));
    TABLE.insert(ctx, session);
    return session;
  }

  /** The account of a live token; Stripe's 401s for an unknown or expired one. */
  Account authenticate(String token) {
    Known session = known.get(token);
    if (session == null) {
      session =
          db.read(h ->
                  h.createQuery(
                          "SELECT account_id, expires_at FROM meter_event_sessions WHERE"
                              + " authentication_token = ?")
                      .bind(0, token)
                      .map((rs, c) -> new Known(rs.getString(1), rs.getLong(2)))
                      .findOne())
              .orElseThrow(() ->
                  new ApiException(
                      new ApiError.Authentication(
                          null,
                          "Invalid authentication token provided: "
                              + ApiKeys.mask(token)
                              + ". Create a meter event session (POST"
                              + " /v2/billing/meter_event_session) and use its authentication_token.")));
      known.put(token, session);
    }
    if (clock.nowSeconds() >= session.expiresAt()) {
      known.remove(token);
      throw expired();
    }
    return new Account(session.accountId(), false);
  }

  private static ApiException expired() {
    ObjectNode error = Json.object();
    error.put("code", "billing_meter_event_session_expired");
    error.put("doc_url", "https://docs.stripe.com/error-codes#billing-meter-event-session-expired");
    error.put(
        "message",
        "The meter event session's authentication token has expired (tokens are valid for 15"
            + " minutes). Create a new meter event session.");
    error.put("type", "temporary_session_expired");
    return new ApiException(new ApiError.Detailed(401, error));
  }
}
