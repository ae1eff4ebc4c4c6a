package tally.subscriptions;

import java.util.List;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.core.Json;

/**
 * The account's "Manage failed payments" settings, which Stripe keeps in the Dashboard only: what a
 * subscription becomes when its invoice's last retry fails ({@code canceled} by default, or {@code
 * unpaid}, or left {@code past_due}) and whether that invoice is marked uncollectible or left open
 * (the default). Tally serves them at {@code /v1/tally/subscription_retry_settings}, an endpoint of
 * its own, so a test can choose them.
 */
final class RetrySettings {
  static final List<String> SUBSCRIPTION = List.of("canceled", "unpaid", "past_due");
  static final List<String> INVOICE = List.of("open", "uncollectible");

  record Settings(String subscriptionStatus, String invoiceStatus) implements ApiObject {
    static final Settings DEFAULT = new Settings("canceled", "open");

    @Override
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      var json = Json.object().put("object", "tally.subscription_retry_settings");
      json.putObject("after_last_retry")
          .put("subscription_status", subscriptionStatus)
          .put("invoice_status", invoiceStatus);
      return json;
    }
  }

  record Update(String subscriptionStatus, String invoiceStatus) {
    static Update decode(Params p) {
      Params after = p.hash("after_last_retry");
      if (after == null) {
        return new Update(null, null);
      }
      return new Update(
          after.oneOf("subscription_status", SUBSCRIPTION), after.oneOf("invoice_status", INVOICE));
    }
  }

  private RetrySettings() {}

  static Settings read(Ctx ctx) {
    return ctx.db()
        .createQuery(
            "SELECT subscription_status, invoice_status FROM subscription_retry_settings WHERE"
                + " account_id = ?")
        .bind(0, ctx.accountId())
        .map((rs, sc) -> new Settings(rs.getString(1), rs.getString(2)))
        .findOne()
        .orElse(Settings.DEFAULT);
  }

  static Settings update(Ctx ctx, Update u) {
    Settings before = read(ctx);
    Settings after =
        new Settings(
            u.subscriptionStatus() != null ? u.subscriptionStatus() : before.subscriptionStatus(),
            u.invoiceStatus() != null ? u.invoiceStatus() : before.invoiceStatus());
    ctx.db()
        .createUpdate(
            "INSERT INTO subscription_retry_settings (account_id, subscription_status,"
                + " invoice_status) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET"
                + " subscription_status = excluded.subscription_status, invoice_status ="
                + " excluded.invoice_status")
        .bind(0, ctx.accountId())
        .bind(1, after.subscriptionStatus())
        .bind(2, after.invoiceStatus())
        .execute();
    return after;
  }
}
