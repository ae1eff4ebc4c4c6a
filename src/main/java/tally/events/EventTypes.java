package tally.events;

import java.util.Set;

/** The event types Tally emits, which webhook endpoints may subscribe to (or to {@code *}). */
final class EventTypes {
  private EventTypes() {}

  static final Set<String> KNOWN =
      Set.of(
          "charge.succeeded",
          "charge.failed",
          "charge.captured",
          "charge.updated",
          "charge.expired",
          "charge.refunded",
          "charge.refund.updated",
          "charge.dispute.created",
          "charge.dispute.updated",
          "charge.dispute.closed",
          "charge.dispute.funds_withdrawn",
          "charge.dispute.funds_reinstated",
          "refund.created",
          "refund.updated",
          "refund.failed",
          "balance.available",
          "balance_settings.updated",
          "customer.created",
          "customer.updated",
          "customer.deleted",
          "product.created",
          "product.updated",
          "product.deleted",
          "price.created",
          "price.updated",
          "price.deleted",
          "billing.meter.created",
          "billing.meter.updated",
          "billing.meter.deactivated",
          "billing.meter.reactivated",
          "billing.alert.triggered",
          "billing.credit_grant.created",
          "billing.credit_grant.updated",
          "billing.credit_balance_transaction.created",
          "billing_portal.configuration.created",
          "billing_portal.configuration.updated",
          "billing_portal.session.created",
          "checkout.session.completed",
          "checkout.session.expired",
          "checkout.session.async_payment_succeeded",
          "checkout.session.async_payment_failed");

  static boolean matches(String pattern, String type) {
    if (pattern.equals("*") || pattern.equals(type)) {
      return true;
    }
    return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
  }
}
