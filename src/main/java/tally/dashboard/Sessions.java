package tally.dashboard;

import java.util.Optional;
import tally.api.Account;
import tally.auth.ApiKeys;
import tally.core.Clock;
import tally.core.Ids;
import tally.store.Db;

/**
 * Dashboard sign-ins. The browser holds a random token in an HttpOnly cookie; the database holds
 * only its SHA-256, so a copy of the database opens no session. The CSRF token of a session is
 * derived from its token, so it needs no storage and no one without the cookie can compute it.
 */
final class Sessions {
  static final long LIFETIME_SECONDS = 12 * 3600;

  private final Db db;
  private final Clock clock;

  Sessions(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new session for the account (expired ones are swept); returns the cookie's token. */
  String open(Account account) {
    String token = Ids.random(40);
    long now = clock.nowSeconds();
    db.write(h -> {
      h.execute("DELETE FROM dashboard_sessions WHERE expires_at <= ?", now);
      return h.execute(
          "INSERT INTO dashboard_sessions (token_hash, account_id, livemode, created,"
              + " expires_at) VALUES (?, ?, ?, ?, ?)",
          ApiKeys.hash(token),
          account.id(),
          account.livemode(),
          now,
          now + LIFETIME_SECONDS);
    });
    return token;
  }

  /** The account a live session's token opens. */
  Optional<Account> find(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return db.read(h ->
        h.createQuery(
                "SELECT account_id, livemode FROM dashboard_sessions WHERE token_hash = ? AND expires_at > ?")
            .bind(0, ApiKeys.hash(token))
            .bind(1, clock.nowSeconds())
            .map((rs, c) -> new Account(rs.getString(1), rs.getBoolean(2)))
            .findOne());
  }

  /** Signs out: the token opens nothing from now on; expired sessions are swept on the way. */
  void close(String token) {
    db.write(h -> {
      h.execute("DELETE FROM dashboard_sessions WHERE token_hash = ?", ApiKeys.hash(token));
      return h.execute("DELETE FROM dashboard_sessions WHERE expires_at <= ?", clock.nowSeconds());
    });
  }

  static String csrfToken(String sessionToken) {
    return ApiKeys.hash("csrf:" + sessionToken).substring(0, 32);
  }
}
