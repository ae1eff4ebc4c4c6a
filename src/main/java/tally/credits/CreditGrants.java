package tally.credits;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.ApiObject;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.customers.Customers;
import tally.store.Rows;

/**
 * Credit grants and the customer's credit balance. Without invoicing nothing consumes credits, so a
 * grant's remainder is its amount until it expires or is voided, when a debit removes it.
 */
public final class CreditGrants {
  static final RowMapper<CreditGrant> MAPPER =
      (rs, c) ->
          new CreditGrant(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getLong("updated"),
              rs.getString("customer"),
              rs.getString("currency"),
              rs.getLong("value"),
              rs.getString("price_type"),
              Json.tree(rs.getString("prices")),
              rs.getString("category"),
              rs.getLong("effective_at"),
              Rows.nullableLong(rs, "expires_at"),
              rs.getString("name"),
              rs.getInt("priority"),
              Json.stringMap(rs.getString("metadata")),
              Rows.nullableLong(rs, "voided_at"),
              rs.getBoolean("closed"));

  static final RowMapper<CreditTransaction> TXN =
      (rs, c) ->
          new CreditTransaction(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("credit_grant"),
              rs.getString("type"),
              rs.getString("reason"),
              rs.getLong("amount"),
              rs.getString("currency"),
              rs.getLong("effective_at"));

  private final Customers customers;
  private final Prices prices;

  public CreditGrants(Customers customers, Prices prices) {
    this.customers = customers;
    this.prices = prices;
  }

  static ObjectNode monetary(String currency, long value) {
    ObjectNode amount = Json.object();
    ObjectNode m = amount.putObject("monetary");
    m.put("currency", currency);
    m.put("value", value);
    amount.put("type", "monetary");
    return amount;
  }

  CreditGrant create(Ctx ctx, CreditParams.Create p) {
    customers.requireLive(ctx, p.customer(), "customer");
    checkPrices(ctx, p.scope(), "applicability_config[scope][prices]");
    String id = Ids.newId("credgr_test_");
    long effectiveAt = p.effectiveAt() == null ? ctx.now() : p.effectiveAt();
    ArrayNode priceList = null;
    if (p.scope().prices() != null) {
      priceList = Json.MAPPER.createArrayNode();
      for (String price : p.scope().prices()) {
        priceList.addObject().put("id", price);
      }
    }
    ctx.db()
        .createUpdate(
            "INSERT INTO credit_grants (account_id, id, seq, created, updated, customer, currency,"
                + " value, price_type, prices, category, effective_at, expires_at, name, priority,"
                + " metadata, closed) VALUES (:a, :id, :seq, :now, :now, :customer, :currency,"
                + " :value, :price_type, :prices, :category, :effective_at, :expires_at, :name,"
                + " :priority, :metadata, FALSE)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("customer", p.customer())
        .bind("currency", p.currency())
        .bind("value", p.value())
        .bind("price_type", p.scope().priceType())
        .bind("prices", Json.write(priceList))
        .bind("category", p.category())
        .bind("effective_at", effectiveAt)
        .bind("expires_at", p.expiresAt())
        .bind("name", p.name())
        .bind("priority", p.priority())
        .bind("metadata", Json.write(p.metadata()))
        .execute();
    CreditGrant grant = retrieve(ctx, id);
    ctx.emit("billing.credit_grant.created", grant);
    record(ctx, grant, "credit", "credits_granted", grant.value(), effectiveAt);
    return grant;
  }

  private void checkPrices(Ctx ctx, CreditParams.Scope scope, String param) {
    if (scope == null || scope.prices() == null) {
      return;
    }
    for (String id : scope.prices()) {
      Price price = prices.find(ctx, id).orElseThrow(() -> Errors.noSuch("price", id, param));
      if (!price.recurringPrice()
          || !"metered".equals(price.recurring().path("usage_type").asText())) {
        throw Errors.invalid(param, "The price " + id + " is not a metered price.");
      }
    }
  }

  private static void record(
      Ctx ctx, CreditGrant g, String type, String reason, long amount, long effectiveAt) {
    String id = Ids.newId("cbtxn_test_");
    ctx.db()
        .createUpdate(
            "INSERT INTO credit_balance_transactions (account_id, id, seq, created, credit_grant,"
                + " customer, type, reason, amount, currency, effective_at) VALUES (?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .bind(2, Sequence.next())
        .bind(3, ctx.now())
        .bind(4, g.id())
        .bind(5, g.customer())
        .bind(6, type)
        .bind(7, reason)
        .bind(8, amount)
        .bind(9, g.currency())
        .bind(10, effectiveAt)
        .execute();
    ctx.emit(
        "billing.credit_balance_transaction.created",
        new CreditTransaction(
            id, ctx.now(), g.id(), type, reason, amount, g.currency(), effectiveAt));
  }

  Optional<CreditGrant> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "credit_grants", ctx.accountId(), id, MAPPER);
  }

  CreditGrant retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("credit grant", id, "id"));
  }

  CreditGrant update(Ctx ctx, String id, CreditParams.Update p) {
    CreditGrant before = retrieve(ctx, id);
    ctx.db()
        .createUpdate(
            "UPDATE credit_grants SET expires_at = :expires_at, metadata = :metadata, updated = :now"
                + " WHERE account_id = :a AND id = :id")
        .bind("expires_at", p.expiresAt().applyTo(before.expiresAt()))
        .bind("metadata", Json.write(p.metadata().applyTo(before.metadata())))
        .bind("now", ctx.now())
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    CreditGrant after = retrieve(ctx, id);
    ctx.emitUpdate("billing.credit_grant.updated", after, Changes.previous(before, after));
    return after;
  }

  /** Ends a grant now: {@code expire} sets expires_at, {@code void} sets voided_at. */
  CreditGrant end(Ctx ctx, String id, boolean voiding) {
    CreditGrant before = retrieve(ctx, id);
    if (before.voidedAt() != null) {
      throw Errors.invalid(null, "This credit grant has already been voided.");
    }
    if (before.closed() || (before.expiresAt() != null && before.expiresAt() <= ctx.now())) {
      throw Errors.invalid(null, "This credit grant has already expired.");
    }
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE credit_grants SET "
                    + (voiding ? "voided_at" : "expires_at")
                    + " = :now, updated = :now, closed = TRUE WHERE account_id = :a AND id = :id AND"
                    + " closed = FALSE")
            .bind("now", ctx.now())
            .bind("a", ctx.accountId())
            .bind("id", id)
            .execute();
    if (changed != 1) {
      throw Errors.invalid(null, "This credit grant has already expired.");
    }
    CreditGrant after = retrieve(ctx, id);
    ctx.emitUpdate("billing.credit_grant.updated", after, Changes.previous(before, after));
    record(
        ctx,
        after,
        "debit",
        voiding ? "credits_voided" : "credits_expired",
        after.value(),
        ctx.now());
    return after;
  }

  /** The clock-driven expiry of grants whose expires_at passed: the remainder is debited. */
  public boolean expireDue(Ctx ctx, String id) {
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE credit_grants SET closed = TRUE, updated = :now WHERE account_id = :a AND id"
                    + " = :id AND closed = FALSE AND expires_at <= :now")
            .bind("now", ctx.now())
            .bind("a", ctx.accountId())
            .bind("id", id)
            .execute();
    if (changed != 1) {
      return false;
    }
    CreditGrant g = retrieve(ctx, id);
    record(ctx, g, "debit", "credits_expired", g.value(), g.expiresAt());
    return true;
  }

  ListPage list(Ctx ctx, CreditParams.ListFilter f) {
    if (f.customer() != null) {
      customers.requireLive(ctx, f.customer(), "customer");
    }
    return new ListQuery<>("credit_grants", "credit grant", ctx.accountId(), MAPPER)
        .whereEquals("customer", f.customer())
        .page(ctx.db(), f.page(), "/v1/billing/credit_grants");
  }

  ListPage transactions(Ctx ctx, CreditParams.TransactionFilter f) {
    customers.requireLive(ctx, f.customer(), "customer");
    return new ListQuery<>(
            "credit_balance_transactions", "credit balance transaction", ctx.accountId(), TXN)
        .whereEquals("customer", f.customer())
        .whereEquals("credit_grant", f.creditGrant())
        .page(ctx.db(), f.page(), "/v1/billing/credit_balance_transactions");
  }

  CreditTransaction transaction(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "credit_balance_transactions", ctx.accountId(), id, TXN)
        .orElseThrow(() -> Errors.noSuch("credit balance transaction", id, "id"));
  }

  /** Available and ledger balance per currency of the grants the filter selects. */
  ApiObject summary(Ctx ctx, CreditParams.Summary s) {
    customers.requireLive(ctx, s.customer(), "customer");
    if (s.creditGrant() != null) {
      CreditGrant g = retrieve(ctx, s.creditGrant());
      if (!g.customer().equals(s.customer())) {
        throw Errors.noSuch("credit grant", s.creditGrant(), "filter[credit_grant]");
      }
    }
    checkPrices(ctx, s.scope(), "filter[applicability_scope][prices]");
    List<CreditGrant> grants =
        ctx.db()
            .createQuery("SELECT * FROM credit_grants WHERE account_id = ? AND customer = ?")
            .bind(0, ctx.accountId())
            .bind(1, s.customer())
            .map(MAPPER)
            .list();
    Map<String, Long> byCurrency = new TreeMap<>();
    for (CreditGrant g : grants) {
      if (!selected(g, s)) {
        continue;
      }
      byCurrency.merge(g.currency(), g.usableAt(ctx.now()) ? g.value() : 0L, Long::sum);
    }
    return ApiObject.of(() -> {
      ObjectNode n = Json.object();
      n.put("object", "billing.credit_balance_summary");
      ArrayNode balances = n.putArray("balances");
      byCurrency.forEach((currency, value) -> {
        ObjectNode b = balances.addObject();
        b.set("available_balance", monetary(currency, value));
        b.set("ledger_balance", monetary(currency, value));
      });
      n.put("customer", s.customer());
      n.putNull("customer_account");
      n.put("livemode", false);
      return n;
    });
  }

  private static boolean selected(CreditGrant g, CreditParams.Summary s) {
    if ("credit_grant".equals(s.type())) {
      return g.id().equals(s.creditGrant());
    }
    CreditParams.Scope scope = s.scope();
    if (scope.priceType() != null) {
      return scope.priceType().equals(g.priceType());
    }
    if (g.prices() == null || g.prices().isNull()) {
      return false;
    }
    for (var price : g.prices()) {
      if (scope.prices().contains(price.path("id").asText())) {
        return true;
      }
    }
    return false;
  }
}
