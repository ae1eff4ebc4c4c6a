package tally.credits;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Credit grants and the customer's credit balance. Invoices spend a grant ({@link
 * CreditsOnInvoices}); what is left of it is debited when it expires or is voided.
 */
public final class CreditGrants {
  static final Table<CreditGrant> TABLE = Table.of("credit_grants", CreditGrant.class);
  static final Table<CreditTransaction> TRANSACTIONS =
      Table.of("credit_balance_transactions", CreditTransaction.class);

  private final Customers customers;
  private final Prices prices;

  public CreditGrants(Customers customers, Prices prices) {
    this.customers = customers;
    this.prices = prices;
  }

  CreditGrant create(Ctx requestCtx, CreditParams.Create p) {
    var customer = customers.requireLive(requestCtx, p.customer(), "customer");
    // A grant lives on its customer's clock: effective now there, expiring on that clock.
    Ctx ctx = requestCtx.onTestClock(customer.testClock());
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
    CreditGrant grant =
        TABLE.insert(
            ctx,
            new CreditGrant(
                id,
                ctx.now(),
                ctx.now(),
                p.customer(),
                p.currency(),
                p.value(),
                p.scope().priceType(),
                priceList,
                p.category(),
                effectiveAt,
                p.expiresAt(),
                p.name(),
                p.priority(),
                p.metadata(),
                null,
                false,
                p.value(),
                customer.testClock()));
    ctx.emit("billing.credit_grant.created", grant);
    record(ctx, grant, "credit", "credits_granted", grant.value(), effectiveAt, null, null);
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

  static CreditTransaction record(
      Ctx ctx,
      CreditGrant g,
      String type,
      String reason,
      long amount,
      long effectiveAt,
      String invoice,
      String invoiceLine) {
    CreditTransaction txn =
        TRANSACTIONS.insert(
            ctx,
            new CreditTransaction(
                Ids.newId("cbtxn_test_"),
                ctx.now(),
                g.id(),
                g.customer(),
                type,
                reason,
                amount,
                g.currency(),
                effectiveAt,
                invoice,
                invoiceLine));
    ctx.emit("billing.credit_balance_transaction.created", txn);
    return txn;
  }

  Optional<CreditGrant> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  CreditGrant retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("credit grant", id, "id"));
  }

  CreditGrant update(Ctx ctx, String id, CreditParams.Update p) {
    var updated =
        TABLE
            .update(
                ctx,
                id,
                locked -> {
                  Map<String, Object> changes = new HashMap<>();
                  changes.put("expires_at", p.expiresAt().applyTo(locked.expiresAt()));
                  changes.put("metadata", p.metadata().applyTo(locked.metadata()));
                  changes.put("updated", ctx.now());
                  return changes;
                })
            .orElseThrow(() -> Errors.noSuch("credit grant", id, "id"));
    return ctx.emitUpdate("billing.credit_grant.updated", updated);
  }

  /** Ends a grant now: {@code expire} sets expires_at, {@code void} sets voided_at. */
  CreditGrant end(Ctx requestCtx, String id, boolean voiding) {
    CreditGrant before = retrieve(requestCtx, id);
    Ctx ctx = requestCtx.onTestClock(before.testClock());
    if (before.voidedAt() != null) {
      throw Errors.invalid(null, "This credit grant has already been voided.");
    }
    if (before.closed() || (before.expiresAt() != null && before.expiresAt() <= ctx.now())) {
      throw Errors.invalid(null, "This credit grant has already expired.");
    }
    CreditGrant after =
        TABLE
            .setWhere(
                ctx,
                id,
                Map.of("closed", false, "remaining", before.remaining()),
                Map.of(
                    voiding ? "voided_at" : "expires_at",
                    ctx.now(),
                    "updated",
                    ctx.now(),
                    "closed",
                    true,
                    "remaining",
                    0L))
            // Closed, or spent by an invoice, since we read it: decide again from where it is now.
            .orElse(null);
    if (after == null) {
      return end(requestCtx, id, voiding);
    }
    ctx.emitUpdate("billing.credit_grant.updated", after, Changes.previous(before, after));
    // What invoices have not spent is what goes; a debit of nothing is not recorded.
    if (before.remaining() > 0) {
      record(
          ctx,
          after,
          "debit",
          voiding ? "credits_voided" : "credits_expired",
          before.remaining(),
          ctx.now(),
          null,
          null);
    }
    return after;
  }

  /** The clock-driven expiry of grants whose expires_at passed: the remainder is debited. */
  public boolean expireDue(Ctx ctx, String id) {
    CreditGrant due = find(ctx, id).orElse(null);
    if (due == null || due.closed() || due.expiresAt() == null || due.expiresAt() > ctx.now()) {
      return false;
    }
    // Guarded on the expiry we read, so a grant extended meanwhile is not closed.
    CreditGrant g =
        TABLE
            .setWhere(
                ctx,
                id,
                Map.of(
                    "closed", false, "expires_at", due.expiresAt(), "remaining", due.remaining()),
                Map.of("closed", true, "updated", ctx.now(), "remaining", 0L))
            .orElse(null);
    if (g == null) {
      return false;
    }
    if (due.remaining() > 0) {
      record(ctx, g, "debit", "credits_expired", due.remaining(), g.expiresAt(), null, null);
    }
    return true;
  }

  ListPage list(Ctx ctx, CreditParams.ListFilter f) {
    if (f.customer() != null) {
      customers.requireLive(ctx, f.customer(), "customer");
    }
    return new ListQuery<>("credit_grants", "credit grant", ctx.accountId(), TABLE.mapper())
        .whereEquals("customer", f.customer())
        .page(ctx.db(), f.page(), "/v1/billing/credit_grants");
  }

  ListPage transactions(Ctx ctx, CreditParams.TransactionFilter f) {
    customers.requireLive(ctx, f.customer(), "customer");
    return new ListQuery<>(
            "credit_balance_transactions",
            "credit balance transaction",
            ctx.accountId(),
            TRANSACTIONS.mapper())
        .whereEquals("customer", f.customer())
        .whereEquals("credit_grant", f.creditGrant())
        .page(ctx.db(), f.page(), "/v1/billing/credit_balance_transactions");
  }

  CreditTransaction transaction(Ctx ctx, String id) {
    return TRANSACTIONS
        .find(ctx, id)
        .orElseThrow(() -> Errors.noSuch("credit balance transaction", id, "id"));
  }

  /** Available and ledger balance per currency of the grants the filter selects. */
  CreditBalanceSummary summary(Ctx ctx, CreditParams.Summary s) {
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
            .map(TABLE.mapper())
            .list();
    Map<String, Long> byCurrency = new TreeMap<>();
    for (CreditGrant g : grants) {
      if (!selected(g, s)) {
        continue;
      }
      byCurrency.merge(
          g.currency(),
          g.usableAt(ctx.onTestClock(g.testClock()).now()) ? g.remaining() : 0L,
          Long::sum);
    }
    List<CreditBalanceSummary.Balance> balances = new ArrayList<>();
    byCurrency.forEach((currency, value) ->
        balances.add(
            new CreditBalanceSummary.Balance(
                CreditGrant.Amount.of(currency, value), CreditGrant.Amount.of(currency, value))));
    return new CreditBalanceSummary(balances, s.customer());
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
