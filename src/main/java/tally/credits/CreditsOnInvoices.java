package tally.credits;

import java.util.ArrayList;
import java.util.List;
import tally.api.Ctx;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.invoices.Invoice;
import tally.invoices.InvoiceListener;
import tally.invoices.Invoices;

/**
 * Billing credits spent by invoices, the credits feature's hook into invoicing. At finalization the
 * customer's usable grants in the invoice's currency pay its metered lines (prices with a meter) in
 * their scope, in Stripe's order: priority (0 first), then the soonest expiry (never last), then
 * the oldest. Each payment is a {@code credits_applied} debit naming the invoice and line; voiding
 * the invoice gives each back ({@code credits_application_invoice_voided}).
 */
final class CreditsOnInvoices implements InvoiceListener {
  private final Prices prices;

  CreditsOnInvoices(Prices prices) {
    this.prices = prices;
  }

  /** One grant's share of one line, planned from the grants' balances as they stand. */
  private record Share(Invoice.Line line, CreditGrant grant, long amount) {}

  @Override
  public List<Invoices.LineCredit> payWithCredits(Ctx ctx, Invoice invoice) {
    List<Invoices.LineCredit> paid = new ArrayList<>();
    for (Share share : plan(ctx, invoice)) {
      if (!spend(ctx, share.grant(), share.amount())) {
        continue; // another invoice spent it since it was read: the line stays payable
      }
      CreditTransaction debit =
          CreditGrants.record(
              ctx,
              share.grant(),
              "debit",
              "credits_applied",
              share.amount(),
              ctx.now(),
              invoice.id(),
              share.line().id());
      paid.add(new Invoices.LineCredit(share.line().id(), share.amount(), debit.id()));
    }
    return paid;
  }

  /** The same plan for {@code create_preview}: nothing spent, so no balance transaction yet. */
  @Override
  public List<Invoices.LineCredit> previewCredits(Ctx ctx, Invoice invoice) {
    return plan(ctx, invoice).stream()
        .map(s -> new Invoices.LineCredit(s.line().id(), s.amount(), null))
        .toList();
  }

  private List<Share> plan(Ctx ctx, Invoice invoice) {
    if (invoice.subscription() == null) {
      return List.of(); // credits pay subscription invoices' metered lines only
    }
    List<CreditGrant> grants = usable(ctx, invoice);
    List<Share> shares = new ArrayList<>();
    for (Invoice.Line line : invoice.billedLines()) {
      Price price = line.price() == null ? null : prices.find(ctx, line.price()).orElse(null);
      if (price == null
          || !price.recurringPrice()
          || !"metered".equals(price.recurring().path("usage_type").asText())) {
        continue;
      }
      long due = line.amount();
      for (int i = 0; i < grants.size() && due > 0; i++) {
        CreditGrant g = grants.get(i);
        long take = Math.min(due, g.remaining());
        if (take == 0 || !covers(g, price.id())) {
          continue;
        }
        shares.add(new Share(line, g, take));
        grants.set(i, with(g, g.remaining() - take));
        due -= take;
      }
    }
    return shares;
  }

  /** A voided invoice gives back every credit it was paid with. */
  @Override
  public void closed(Ctx ctx, Invoice invoice) {
    if (!invoice.voided()) {
      return;
    }
    List<CreditTransaction> applied =
        ctx.db()
            .createQuery(
                "SELECT * FROM credit_balance_transactions WHERE account_id = ? AND invoice = ?"
                    + " AND reason = 'credits_applied' ORDER BY seq")
            .bind(0, ctx.accountId())
            .bind(1, invoice.id())
            .map(CreditGrants.TRANSACTIONS.mapper())
            .list();
    for (CreditTransaction debit : applied) {
      CreditGrant g = CreditGrants.TABLE.findForUpdate(ctx, debit.creditGrant()).orElseThrow();
      CreditGrants.TABLE.set(
          ctx, g.id(), java.util.Map.of("remaining", g.remaining() + debit.amount()));
      CreditGrants.record(
          ctx,
          g,
          "credit",
          "credits_application_invoice_voided",
          debit.amount(),
          ctx.now(),
          invoice.id(),
          debit.invoiceLineItem());
    }
  }

  /** The customer's grants usable now in the invoice's currency, in the order they are spent. */
  private static List<CreditGrant> usable(Ctx ctx, Invoice invoice) {
    return ctx
        .db()
        .createQuery(
            "SELECT * FROM credit_grants WHERE account_id = :a AND customer = :c AND currency ="
                + " :cur AND closed = FALSE AND voided_at IS NULL AND remaining > 0 AND"
                + " effective_at <= :now AND (expires_at IS NULL OR expires_at > :now) ORDER BY"
                + " priority, CASE WHEN expires_at IS NULL THEN 1 ELSE 0 END, expires_at, created,"
                + " seq")
        .bind("a", ctx.accountId())
        .bind("c", invoice.customer())
        .bind("cur", invoice.currency())
        .bind("now", ctx.now())
        .map(CreditGrants.TABLE.mapper())
        .list()
        .stream()
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  /** The grant's scope: every metered price, or the prices it names. */
  private static boolean covers(CreditGrant g, String price) {
    if (g.priceType() != null) {
      return true;
    }
    if (g.prices() == null) {
      return false;
    }
    for (var p : g.prices()) {
      if (price.equals(p.path("id").asText())) {
        return true;
      }
    }
    return false;
  }

  /** One guarded UPDATE: the grant pays {@code amount} only while it still has it. */
  private static boolean spend(Ctx ctx, CreditGrant g, long amount) {
    return ctx.db()
            .createUpdate(
                "UPDATE credit_grants SET remaining = remaining - :amt WHERE account_id = :a AND id"
                    + " = :id AND closed = FALSE AND remaining >= :amt")
            .bind("amt", amount)
            .bind("a", ctx.accountId())
            .bind("id", g.id())
            .execute()
        == 1;
  }

  private static CreditGrant with(CreditGrant g, long remaining) {
    return tally.core.ObjectSchema.of(CreditGrant.class)
        .with(g, java.util.Map.of("remaining", remaining));
  }
}
