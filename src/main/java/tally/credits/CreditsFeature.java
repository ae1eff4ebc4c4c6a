package tally.credits;

import tally.api.Expander;
import tally.catalog.Prices;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.invoices.Invoices;

/** Credit grants, the credit balance summary and its transactions; grants expire on the clock. */
public final class CreditsFeature implements Feature {
  private final CreditGrants grants;

  /** Invoices spend credits at finalization and give them back when voided. */
  public CreditsFeature(Customers customers, Prices prices, Invoices invoices) {
    this.grants = new CreditGrants(customers, prices);
    invoices.addListener(new CreditsOnInvoices(prices));
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/billing/credit_grants", CreditParams.Create::decode, grants::create);
    r.get("/v1/billing/credit_grants", CreditParams.ListFilter::decode, grants::list);
    r.get(
        "/v1/billing/credit_grants/{id}",
        Decoder.none(),
        (ctx, p) -> grants.retrieve(ctx, ctx.path("id")));
    r.post(
        "/v1/billing/credit_grants/{id}",
        CreditParams.Update::decode,
        (ctx, p) -> grants.update(ctx, ctx.path("id"), p));
    r.post(
        "/v1/billing/credit_grants/{id}/expire",
        Decoder.none(),
        (ctx, p) -> grants.end(ctx, ctx.path("id"), false));
    r.post(
        "/v1/billing/credit_grants/{id}/void",
        Decoder.none(),
        (ctx, p) -> grants.end(ctx, ctx.path("id"), true));
    r.get("/v1/billing/credit_balance_summary", CreditParams.Summary::decode, grants::summary);
    r.get(
        "/v1/billing/credit_balance_transactions",
        CreditParams.TransactionFilter::decode,
        grants::transactions);
    r.get(
        "/v1/billing/credit_balance_transactions/{id}",
        Decoder.none(),
        (ctx, p) -> grants.transaction(ctx, ctx.path("id")));
    x.finder("credgr_", (ctx, id) -> grants.find(ctx, id).orElse(null));
    x.expandable("billing.credit_grant", "customer", "test_clock");
    x.expandable(
        "billing.credit_balance_transaction",
        "credit_grant",
        "test_clock",
        "credit.credits_application_invoice_voided.invoice",
        "debit.credits_applied.invoice");
    x.expandable("billing.credit_balance_summary", "customer");

    in.due(
        "SELECT account_id, id FROM credit_grants WHERE closed = FALSE AND expires_at <= :now"
            + " AND <clock> LIMIT 500",
        grants::expireDue);
    in.emits(
        "billing.credit_grant.created",
        "billing.credit_grant.updated",
        "billing.credit_balance_transaction.created");
  }
}
