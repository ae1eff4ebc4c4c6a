package tally.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tally.api.Account;
import tally.api.ApiVersions;
import tally.core.Clock;
import tally.core.Ids;
import tally.core.SmallCache;
import tally.store.Db;
import tally.store.DbFailure;

/** Accounts and their keys. Keys are looked up by hash and cached: auth runs on every request. */
public final class Accounts {
  private final Db db;
  private final Clock clock;
  private final Map<String, Cached> byKeyHash = new ConcurrentHashMap<>();

  /** A cached key is read again after this long: a roll made offline reaches a running server. */
  private static final long RECHECK_NANOS = 10_000_000_000L;

  /** A key's account and when the key stops working (null: never), as read at {@code readAt}. */
  private record Cached(Account account, Long expiresAt, long readAt) {
    boolean expired(long now) {
      return expiresAt != null && expiresAt <= now;
    }
  }

  public Accounts(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Makes sure {@code key} opens an account, creating the account if the key is new. */
  public Account ensure(String key) {
    if (!ApiKeys.isWellFormed(key)) {
      throw new IllegalArgumentException(
          "not a secret key (sk_test_… or sk_live_…): " + ApiKeys.mask(key));
    }
    if (authenticate(key).isEmpty() && lookup(ApiKeys.hash(key)) != null) {
      throw new IllegalArgumentException(
          "API key "
              + ApiKeys.mask(key)
              + " was rolled and its grace period is over: use its successor (tally keys list).");
    }
    Account account = authenticate(key).orElseGet(() -> create(key));
    addPublishableKey(account, key);
    return account;
  }

  /** Registers the account's publishable key (accounts made before it existed get it here). */
  private void addPublishableKey(Account account, String secretKey) {
    String pk = ApiKeys.publishableFor(secretKey);
    db.write(h ->
        h.execute(
            "INSERT INTO api_keys (key_hash, account_id, last4, livemode, created, publishable)"
                + " VALUES (?, ?, ?, ?, ?, TRUE) ON CONFLICT DO NOTHING",
            ApiKeys.hash(pk),
            account.id(),
            pk.substring(pk.length() - 4),
            account.livemode(),
            clock.nowSeconds()));
  }

  private Account create(String key) {
    try {
      return db.write(h -> {
        String id = Ids.newId("acct_");
        h.execute(
            "INSERT INTO accounts (id, created, api_version) VALUES (?, ?, ?)",
            id,
            clock.nowSeconds(),
            ApiVersions.CURRENT);
        h.execute(
            "INSERT INTO api_keys (key_hash, account_id, last4, livemode, created)"
                + " VALUES (?, ?, ?, ?, ?)",
            ApiKeys.hash(key),
            id,
            key.substring(key.length() - 4),
            key.contains("_live_"),
            clock.nowSeconds());
        return new Account(id, key.contains("_live_"));
      });
    } catch (RuntimeException e) {
      // Another process (two servers starting on one database) registered the key first.
      if (DbFailure.isDuplicateKey(e)) {
        return authenticate(key).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  // A key's hash, remembered: hashing on every request (a digest lookup and SHA-256) was 3% of a
  // request thread's CPU. The keys are in memory anyway; unknown keys only churn the cache.
  private static final SmallCache<String, String> HASHES = new SmallCache<>(256, ApiKeys::hash);

  /** The key's account, unless the key is unknown or was rolled and its grace period is over. */
  public Optional<Account> authenticate(String key) {
    String hash = HASHES.get(key);
    Cached cached = byKeyHash.get(hash);
    if (cached == null || System.nanoTime() - cached.readAt() > RECHECK_NANOS) {
      cached = lookup(hash);
      if (cached == null) {
        byKeyHash.remove(hash);
        return Optional.empty();
      }
      byKeyHash.put(hash, cached);
    }
    return cached.expired(clock.nowSeconds()) ? Optional.empty() : Optional.of(cached.account());
  }

  private Cached lookup(String hash) {
    return db.read(h ->
        h.createQuery(
                "SELECT account_id, livemode, publishable, expires_at FROM api_keys"
                    + " WHERE key_hash = ?")
            .bind(0, hash)
            .map((rs, ctx) -> {
              Account account = new Account(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3));
              long expires = rs.getLong(4);
              return new Cached(account, rs.wasNull() ? null : expires, System.nanoTime());
            })
            .findOne()
            .orElse(null));
  }

  /** Adds another secret key (and its publishable key) to an existing account. */
  void addKey(String accountId, String key) {
    db.write(h ->
        h.execute(
            "INSERT INTO api_keys (key_hash, account_id, last4, livemode, created)"
                + " VALUES (?, ?, ?, ?, ?)",
            ApiKeys.hash(key),
            accountId,
            key.substring(key.length() - 4),
            key.contains("_live_"),
            clock.nowSeconds()));
    addPublishableKey(new Account(accountId, key.contains("_live_")), key);
  }

  /**
   * The account's default API version: what its requests without {@code Stripe-Version} get.
   * Cached: it changes only offline ({@code tally keys}), and a server restart reads it anew.
   */
  public String defaultVersion(String accountId) {
    String known = KNOWN_VERSIONS.get(accountId);
    return known != null ? known : db.read(h -> defaultVersion(h, accountId));
  }

  /**
   * The same, read in a caller's transaction or handle (events, jobs) once per account and process:
   * every event needs it, and on SQLite a read in the writer's batch delays every other write.
   */
  public static String defaultVersion(org.jdbi.v3.core.Handle h, String accountId) {
    return KNOWN_VERSIONS.computeIfAbsent(
        accountId,
        id ->
            h.createQuery("SELECT api_version FROM accounts WHERE id = ?")
                .bind(0, id)
                .mapTo(String.class)
                .findOne()
                .orElse(ApiVersions.CURRENT));
  }

  private static final java.util.Map<String, String> KNOWN_VERSIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  public boolean isEmpty() {
    return db.read(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one())
        == 0;
  }

  /** A fresh test-mode secret key for a new account; the caller shows it once. */
  public String createAccountWithNewKey() {
    String key = "sk_test_" + Ids.random(40);
    ensure(key);
    return key;
  }
}
