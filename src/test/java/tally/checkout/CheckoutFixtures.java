package tally.checkout;

import static tally.testing.Fixtures.priceParams;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.LineItem;
import com.stripe.model.Price;
import com.stripe.model.checkout.Session;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.util.List;
import tally.testing.Fixtures;

/** The sessions, line items and prices the Checkout tests start from. */
final class CheckoutFixtures {
  private CheckoutFixtures() {}

  /** A payment-mode session returning to example.com. */
  static SessionCreateParams.Builder session() {
    return SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl("https://example.com/ok?session={CHECKOUT_SESSION_ID}")
        .setCancelUrl("https://example.com/cancel");
  }

  /** A subscription-mode session returning to example.com. */
  static SessionCreateParams.Builder subscription() {
    return SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
        .setSuccessUrl("https://example.com/ok?session={CHECKOUT_SESSION_ID}");
  }

  /** {@code quantity} T-shirts at a one-time price made inline. */
  static SessionCreateParams.LineItem adhoc(long unitAmount, long quantity) {
    return Fixtures.checkoutItem("T-shirt", unitAmount, quantity);
  }

  static SessionCreateParams.LineItem priced(Price price, long quantity) {
    return SessionCreateParams.LineItem.builder()
        .setPrice(price.getId())
        .setQuantity(quantity)
        .build();
  }

  static Price recurring(
      StripeClient stripe, long unitAmount, PriceCreateParams.Recurring.Interval interval)
      throws StripeException {
    return stripe
        .v1()
        .prices()
        .create(
            priceParams(unitAmount, "Pro plan")
                .setRecurring(PriceCreateParams.Recurring.builder().setInterval(interval).build())
                .build());
  }

  static Price monthly(StripeClient stripe, long unitAmount) throws StripeException {
    return recurring(stripe, unitAmount, PriceCreateParams.Recurring.Interval.MONTH);
  }

  /** A subscription-mode session for {@code quantity} × a new monthly plan. */
  static SessionCreateParams.Builder monthlySubscription(
      StripeClient stripe, long unitAmount, long quantity) throws StripeException {
    return subscription().addLineItem(priced(monthly(stripe, unitAmount), quantity));
  }

  static Session create(StripeClient stripe, SessionCreateParams.Builder params)
      throws StripeException {
    return stripe.v1().checkout().sessions().create(params.build());
  }

  static Session retrieve(StripeClient stripe, Session s) throws StripeException {
    return stripe.v1().checkout().sessions().retrieve(s.getId());
  }

  /** The session's line items as {@code expand[]=line_items} shows them. */
  static List<LineItem> expandedLineItems(StripeClient stripe, Session s) throws StripeException {
    return stripe
        .v1()
        .checkout()
        .sessions()
        .retrieve(s.getId(), SessionRetrieveParams.builder().addExpand("line_items").build())
        .getLineItems()
        .getData();
  }
}
