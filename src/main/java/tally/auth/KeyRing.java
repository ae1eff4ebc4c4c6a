package tally.auth;

import java.util.List;
import tally.core.Clock;
import tally.core.Ids;
import tally.store.Db;

/**
 * {@code tally keys}: an account's keys listed (masked: only hashes are stored), created and
 * rolled. A roll makes a new key at once and lets the old one (and its publishable key) work until
 * the grace period ends, as Stripe's roll with an expiration does.
 */
public final class KeyRing {
  private final Db db;
  private final Clock clock;
  private final Accounts accounts;

  public KeyRing(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.accounts = new Accounts(db, clock);
  }

  /** One stored key, as much as the database knows of it. */
  public record Listed(
      String accountId,
      String masked,
      boolean publishable,
      boolean livemode,
      long created,
      Long expiresAt) {
    public boolean expired(long now) {
      return expiresAt != null && expiresAt <= now;
    }
  }

  /** A new key and the old one's end. */
  public record Rolled(String accountId, String newKey, long oldExpiresAt) {}

  public List<Listed> list() {
    return db.read(h ->
        h.createQuery(
                "SELECT account_id, last4, publishable, livemode, created, expires_at FROM"
                    + " api_keys ORDER BY account_id, created, publishable")
            .map((rs, c) -> {
              boolean publishable = rs.getBoolean(3);
              boolean live = rs.getBoolean(4);
              String prefix = (publishable ? "pk_" : "sk_") + (live ? "live_" : "test_");
              long expires = rs.getLong(6);
              return new Listed(
                  rs.getString(1),
                  prefix + "*".repeat(12) + rs.getString(2),
                  publishable,
                  live,
                  rs.getLong(5),
                  rs.wasNull() ? null : expires);
            })
            .list());
  }

  /** A new test-mode secret key: for {@code accountId}, or for a new account when null. */
  public String create(String accountId) {
    String key = "sk_test_" + Ids.random(40);
    if (accountId == null) {
      accounts.ensure(key);
      return key;
    }
    boolean exists =
        db.read(h ->
            h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = ?")
                    .bind(0, accountId)
                    .mapTo(Long.class)
                    .one()
                > 0);
    if (!exists) {
      throw new IllegalArgumentException("no account " + accountId + " in this database");
    }
    accounts.addKey(accountId, key);
    return key;
  }

  /**
   * Replaces {@code oldKey} by a new key of the same account; the old secret and publishable keys
   * keep working for {@code graceSeconds} (0: they stop now).
   */
  public Rolled roll(String oldKey, long graceSeconds) {
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("the grace period cannot be negative");
    }
    var account =
        accounts
            .authenticate(oldKey)
            .filter(a -> !a.publishable())
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "no live secret key " + ApiKeys.mask(oldKey) + " in this database"));
    String newKey = (account.livemode() ? "sk_live_" : "sk_test_") + Ids.random(40);
    long expiresAt = clock.nowSeconds() + graceSeconds;
    accounts.addKey(account.id(), newKey);
    db.write(h -> {
      for (String hash :
          List.of(ApiKeys.hash(oldKey), ApiKeys.hash(ApiKeys.publishableFor(oldKey)))) {
        h.execute(
            "UPDATE api_keys SET expires_at = ? WHERE key_hash = ? AND (expires_at IS NULL OR"
                + " expires_at > ?)",
            expiresAt,
            hash,
            expiresAt);
      }
      return null;
    });
    return new Rolled(account.id(), newKey, expiresAt);
  }
}
