package tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import tally.testing.Fixtures;

/**
 * The billing half of {@link CrashSafetyIT}'s kill -9 load: invoices paid, finalized and voided,
 * and subscriptions created (each charging its first invoice), all with idempotency keys. What was
 * acknowledged, or answered when retried with its key after the restart, must be there once. Each
 * finalized draft and each subscription has a customer of its own (invoice numbers count per
 * customer).
 */
final class BillingCrashLoad {
  private static final long INVOICE_AMOUNT = 1234L;
  private static final long PLAN_AMOUNT = 2100L;

  /** One billing write as sent; {@code target} is the invoice, or the subscribing customer. */
  record Op(String kind, String key, String target) {}

  private final String price;
  private final Queue<String> payable;
  private final Queue<String> finalizable;
  private final Queue<String> voidable;
  private final Queue<String> subscribers;
  private final Map<String, Long> paid = new ConcurrentHashMap<>();
  private final Set<String> finalized = ConcurrentHashMap.newKeySet();
  private final Set<String> voided = ConcurrentHashMap.newKeySet();
  private final Map<String, String> subscribed = new ConcurrentHashMap<>();

  /** Billing writes in flight when the server died, to retry after the restart. */
  final Queue<Op> unanswered = new ConcurrentLinkedQueue<>();

  private BillingCrashLoad(
      String price,
      List<String> payable,
      List<String> finalizable,
      List<String> voidable,
      List<String> subscribers) {
    this.price = price;
    this.payable = new ConcurrentLinkedQueue<>(payable);
    this.finalizable = new ConcurrentLinkedQueue<>(finalizable);
    this.voidable = new ConcurrentLinkedQueue<>(voidable);
    this.subscribers = new ConcurrentLinkedQueue<>(subscribers);
  }

  /**
   * Open invoices to pay and void, drafts to finalize and customers to subscribe, {@code n} each.
   */
  static BillingCrashLoad prepare(StripeClient stripe, int n) throws StripeException {
    String payer = customer(stripe, true);
    String voider = customer(stripe, false);
    List<String> payable = new ArrayList<>();
    List<String> voidable = new ArrayList<>();
    List<String> drafts = new ArrayList<>();
    List<String> subscribers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      payable.add(stripe.v1().invoices().finalizeInvoice(draft(stripe, payer)).getId());
      voidable.add(stripe.v1().invoices().finalizeInvoice(draft(stripe, voider)).getId());
      drafts.add(draft(stripe, customer(stripe, false)));
      subscribers.add(customer(stripe, true));
    }
    String price =
        stripe
            .v1()
            .prices()
            .create(
                PriceCreateParams.builder()
                    .setCurrency("usd")
                    .setUnitAmount(PLAN_AMOUNT)
                    .setRecurring(
                        PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .build())
                    .setProductData(
                        PriceCreateParams.ProductData.builder().setName("Crash plan").build())
                    .build())
            .getId();
    return new BillingCrashLoad(price, payable, drafts, voidable, subscribers);
  }

  private static String customer(StripeClient stripe, boolean withCard) throws StripeException {
    String id = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
    if (withCard) {
      Fixtures.defaultCard(stripe, id, "tok_visa");
    }
    return id;
  }

  private static String draft(StripeClient stripe, String customer) throws StripeException {
    stripe
        .v1()
        .invoiceItems()
        .create(
            InvoiceItemCreateParams.builder()
                .setCustomer(customer)
                .setAmount(INVOICE_AMOUNT)
                .setCurrency("usd")
                .build());
    return stripe
        .v1()
        .invoices()
        .create(
            InvoiceCreateParams.builder()
                .setCustomer(customer)
                .setPendingInvoiceItemsBehavior(
                    InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE)
                .build())
        .getId();
  }

  /** The next billing write to send, or null when the prepared objects ran out. */
  Op next(ThreadLocalRandom random) {
    for (int tries = 0; tries < 4; tries++) {
      String kind = List.of("pay", "finalize", "void", "subscribe").get(random.nextInt(4));
      String target =
          switch (kind) {
            case "pay" -> payable.poll();
            case "finalize" -> finalizable.poll();
            case "void" -> voidable.poll();
            default -> subscribers.poll();
          };
      if (target != null) {
        return new Op(kind, kind + "-" + UUID.randomUUID(), target);
      }
    }
    return null;
  }

  /** Sends {@code op} with its idempotency key and records what was acknowledged. */
  void send(StripeClient stripe, Op op) throws StripeException {
    RequestOptions key = RequestOptions.builder().setIdempotencyKey(op.key()).build();
    switch (op.kind()) {
      case "pay" -> {
        var invoice = stripe.v1().invoices().pay(op.target(), key);
        assertThat(invoice.getStatus()).isEqualTo("paid");
        paid.put(invoice.getId(), invoice.getAmountPaid());
      }
      case "finalize" -> {
        var invoice = stripe.v1().invoices().finalizeInvoice(op.target(), key);
        assertThat(invoice.getStatus()).isEqualTo("open");
        finalized.add(invoice.getId());
      }
      case "void" -> {
        var invoice = stripe.v1().invoices().voidInvoice(op.target(), key);
        assertThat(invoice.getStatus()).isEqualTo("void");
        voided.add(invoice.getId());
      }
      default -> {
        Subscription sub =
            stripe
                .v1()
                .subscriptions()
                .create(
                    SubscriptionCreateParams.builder()
                        .setCustomer(op.target())
                        .addItem(SubscriptionCreateParams.Item.builder().setPrice(price).build())
                        .putMetadata("op_key", op.key())
                        .build(),
                    key);
        assertThat(sub.getStatus()).isEqualTo("active");
        subscribed.put(op.key(), sub.getId());
      }
    }
  }

  int acknowledged() {
    return paid.size() + finalized.size() + voided.size() + subscribed.size();
  }

  /**
   * Every acknowledged billing write is there once: paid invoices with one payment, finalized ones
   * open and numbered, voided ones void, one active subscription per key with its first invoice
   * paid once.
   */
  void verify(StripeClient stripe) throws StripeException {
    for (var e : paid.entrySet()) {
      var invoice = stripe.v1().invoices().retrieve(e.getKey());
      assertThat(invoice.getStatus()).isEqualTo("paid");
      assertThat(invoice.getAmountPaid()).isEqualTo(e.getValue()).isEqualTo(INVOICE_AMOUNT);
      assertThat(payments(stripe, e.getKey())).as("payments of %s", e.getKey()).isEqualTo(1);
    }
    for (String id : finalized) {
      var invoice = stripe.v1().invoices().retrieve(id);
      assertThat(invoice.getStatus()).isEqualTo("open");
      assertThat(invoice.getNumber()).endsWith("-0001");
    }
    for (String id : voided) {
      assertThat(stripe.v1().invoices().retrieve(id).getStatus()).isEqualTo("void");
    }
    Map<String, Integer> perKey = new HashMap<>();
    for (Subscription s :
        stripe
            .v1()
            .subscriptions()
            .list(
                SubscriptionListParams.builder()
                    .setStatus(SubscriptionListParams.Status.ALL)
                    .setLimit(100L)
                    .build())
            .autoPagingIterable()) {
      perKey.merge(s.getMetadata().get("op_key"), 1, Integer::sum);
    }
    assertThat(perKey.values())
        .as("each idempotency key created at most one subscription")
        .allMatch(n -> n == 1);
    for (String id : subscribed.values()) {
      Subscription sub = stripe.v1().subscriptions().retrieve(id);
      assertThat(sub.getStatus()).isEqualTo("active");
      var first = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
      assertThat(first.getStatus()).isEqualTo("paid");
      assertThat(first.getAmountPaid()).isEqualTo(PLAN_AMOUNT);
      assertThat(payments(stripe, first.getId())).as("payments of %s", first.getId()).isEqualTo(1);
    }
  }

  private static int payments(StripeClient stripe, String invoice) throws StripeException {
    return stripe
        .v1()
        .invoicePayments()
        .list(InvoicePaymentListParams.builder().setInvoice(invoice).build())
        .getData()
        .size();
  }
}
