package tally.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Prices;
import tally.catalog.Products;
import tally.core.Ids;
import tally.core.Json;
import tally.core.ObjectSchema;
import tally.customers.Customers;
import tally.payments.CardPayments;
import tally.store.Table;

/** Checkout Sessions: open → complete (paid on the hosted page) or expired (API or clock). */
public final class CheckoutSessions {
  static final long MIN_LIFETIME = 30 * 60;
  static final long MAX_LIFETIME = 24 * 3600;
  static final Table<CheckoutSession> TABLE = Table.of("checkout_sessions", CheckoutSession.class);
  static final Table<LineItem> LINE_ITEMS = Table.of("checkout_line_items", LineItem.class);

  private final Prices prices;
  private final SessionPricing pricing;
  private final Customers customers;
  private final Supplier<String> publicBase;
  private final CardPayments cards;

  public CheckoutSessions(
      Prices prices,
      Products products,
      Customers customers,
      CardPayments cards,
      Supplier<String> publicBase) {
    this.prices = prices;
    this.pricing = new SessionPricing(prices, products);
    this.customers = customers;
    this.cards = cards;
    this.publicBase = publicBase;
  }

  /** Rows as the API shows them: with this server's public URL. */
  private RowMapper<CheckoutSession> mapper() {
    RowMapper<CheckoutSession> rows = TABLE.mapper();
    return (rs, c) -> located(rows.map(rs, c));
  }

  private CheckoutSession located(CheckoutSession s) {
    return s.at(publicBase.get());
  }

  CheckoutSession create(Ctx requestCtx, CheckoutParams.Create p) {
    if (p.customer() != null) {
      customers.requireLive(requestCtx, p.customer(), "customer");
    }
    // A session for a customer on a test clock is made, and expires, on the clock's time.
    String testClock = customers.testClockOf(requestCtx, p.customer());
    Ctx ctx = requestCtx.onTestClock(testClock);
    long expiresAt = p.expiresAt() == null ? ctx.now() + MAX_LIFETIME : p.expiresAt();
    if (expiresAt < ctx.now() + MIN_LIFETIME || expiresAt > ctx.now() + MAX_LIFETIME) {
      throw Errors.invalid(
          "expires_at",
          "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout"
              + " Session creation.");
    }
    List<SessionPricing.Priced> items = pricing.price(ctx, p);
    if ("subscription".equals(p.mode())) {
      SessionPricing.checkTimes(ctx.now(), items, p.subscriptionData());
    }
    String currency = items.isEmpty() ? p.currency() : items.getFirst().price().currency();
    Long total = SessionPricing.dueToday(p.mode(), items, p.subscriptionData());
    ObjectNode fields = p.fields().deepCopy();
    fields.put("capture_method", p.captureMethod());
    fields.set("payment_metadata", Json.MAPPER.valueToTree(p.paymentMetadata()));
    fields.put("payment_description", p.paymentDescription());
    if ("subscription".equals(p.mode())) {
      fields.set("subscription_data", Json.MAPPER.valueToTree(p.subscriptionData()));
    }
    CheckoutSession session =
        TABLE.insert(
            ctx,
            new CheckoutSession(
                "cs_test_" + Ids.random(58),
                ctx.now(),
                expiresAt,
                CheckoutStatus.OPEN,
                "setup".equals(p.mode()) ? "no_payment_required" : "unpaid",
                p.mode(),
                currency,
                total,
                total,
                p.customer(),
                p.customerEmail(),
                null,
                null,
                null,
                null,
                null,
                fields,
                testClock,
                publicBase.get()));
    for (SessionPricing.Priced item : items) {
      LINE_ITEMS.insert(
          ctx,
          new LineItem(
              Ids.newId("li_"),
              session.id(),
              item.price().id(),
              item.quantity(),
              item.amount(),
              item.price().currency(),
              item.description(),
              item.price()));
    }
    return session;
  }

  Optional<CheckoutSession> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id).map(this::located);
  }

  CheckoutSession retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("checkout.session", id, "session"));
  }

  /**
   * The session under its row lock, for the page's payment: a second submit of the same page waits
   * for the first and then finds the session complete, so one session never pays twice.
   */
  CheckoutSession lock(Ctx ctx, String id) {
    return TABLE
        .findForUpdate(ctx, id)
        .map(this::located)
        .orElseThrow(() -> Errors.noSuch("checkout.session", id, "session"));
  }

  /** The account a session belongs to: its id is the hosted page's only credential. */
  Optional<String> accountOf(Ctx ctx, String id) {
    return ctx.db()
        .createQuery("SELECT account_id FROM checkout_sessions WHERE id = ?")
        .bind(0, id)
        .mapTo(String.class)
        .findOne();
  }

  /** Merges metadata into the echoed fields, under the row lock. */
  CheckoutSession update(Ctx ctx, String id, CheckoutParams.Update p) {
    return TABLE
        .update(
            ctx,
            id,
            locked -> {
              ObjectNode fields = locked.fields().deepCopy();
              Map<String, String> metadata =
                  p.metadata().applyTo(Json.stringMap(Json.write(fields.get("metadata"))));
              fields.set("metadata", Json.MAPPER.valueToTree(metadata));
              return Map.of("fields", fields);
            })
        .map(u -> located(u.after()))
        .orElseThrow(() -> Errors.noSuch("checkout.session", id, "session"));
  }

  CheckoutSession expire(Ctx ctx, String id) {
    retrieve(ctx, id);
    CheckoutSession expired =
        expireOpen(ctx, id)
            .orElseThrow(() ->
                Errors.invalid(
                    null, "Only Checkout Sessions with a status in [\"open\"] can be expired."));
    ctx.emit("checkout.session.expired", expired);
    return expired;
  }

  /** Whether {@code s} is past its expires_at, on its customer's test clock if it has one. */
  boolean pastExpiry(Ctx ctx, CheckoutSession s) {
    return s.expiresAt() <= ctx.onTestClock(s.testClock()).now();
  }

  /** The clock's expiry of open sessions past expires_at. */
  public boolean expireDue(Ctx job, String id) {
    Optional<CheckoutSession> s = find(job, id);
    if (s.isEmpty() || !s.get().open() || s.get().expiresAt() > job.now()) {
      return false;
    }
    Ctx ctx = job.atDue(s.get().expiresAt());
    Optional<CheckoutSession> expired = expireOpen(ctx, id);
    expired.ifPresent(e -> ctx.emit("checkout.session.expired", e));
    return expired.isPresent();
  }

  /**
   * open → expired; empty if the session was no longer open. The intent the page made is canceled
   * with it (as Stripe's), so a 3-D Secure answered later cannot pay an expired session.
   */
  private Optional<CheckoutSession> expireOpen(Ctx ctx, String id) {
    Optional<CheckoutSession> expired =
        TABLE
            .transition(ctx, id, CheckoutStatus.OPEN, CheckoutStatus.EXPIRED, Map.of())
            .map(this::located);
    expired.ifPresent(s -> {
      if (s.paymentIntent() != null) {
        cards.abandon(ctx, s.paymentIntent());
      }
      if (s.setupIntent() != null) {
        cards.abandon(ctx, s.setupIntent());
      }
      if (s.field("attempt_intent") != null) {
        cards.abandon(ctx, s.field("attempt_intent"));
      }
    });
    return expired;
  }

  /** What the payer typed on the hosted page, echoed as the session's customer_details. */
  record Payer(String email, String name, String country, String postalCode) {}

  /**
   * Records what a subscription-mode attempt left waiting for 3-D Secure: the customer, the
   * subscription and first invoice (or none yet, for a trial's card being set up) and the intent,
   * kept in the fields (the session's own payment_intent and setup_intent stay null, as Stripe's do
   * in this mode). Empty if the session was no longer open.
   */
  Optional<CheckoutSession> waiting(
      Ctx ctx,
      String id,
      String customer,
      String subscription,
      String invoice,
      String intent,
      Payer payer) {
    return whileOpen(
        ctx,
        id,
        payer,
        (fields, set) -> {
          fields.put("attempt_intent", intent);
          set.put("subscription", subscription);
          set.put("invoice", invoice);
          set.put("customer", customer);
        });
  }

  /**
   * Records the intent the page made (payment_intent or setup_intent), its customer and the payer
   * on the open session, so a retry or the return from 3-D Secure continues it; empty if the
   * session was no longer open. The payer waits in {@code fields} (not rendered) until complete.
   */
  Optional<CheckoutSession> attempted(
      Ctx ctx, String id, String intentId, String customer, Payer payer) {
    return whileOpen(
        ctx,
        id,
        payer,
        (fields, set) -> {
          if (intentId != null) {
            set.put(intentId.startsWith("seti_") ? "setup_intent" : "payment_intent", intentId);
          }
          set.put("customer", customer);
        });
  }

  /**
   * Records the payer and what {@code changes} adds (to the unrendered fields and the columns) on
   * the session under its row lock; empty if it was no longer open.
   */
  private Optional<CheckoutSession> whileOpen(
      Ctx ctx,
      String id,
      Payer payer,
      java.util.function.BiConsumer<ObjectNode, Map<String, Object>> changes) {
    return TABLE
        .update(
            ctx,
            id,
            locked -> {
              if (!locked.open()) {
                return Map.of();
              }
              ObjectNode fields = locked.fields().deepCopy();
              fields.set("payer", Json.MAPPER.valueToTree(payer));
              Map<String, Object> set = new HashMap<>();
              changes.accept(fields, set);
              set.put("fields", fields);
              return set;
            })
        .map(u -> u.after())
        .filter(CheckoutSession::open)
        .map(this::located);
  }

  /**
   * open → complete, echoing the payer recorded by {@link #attempted}; empty if the session was no
   * longer open. The row is locked while the payer's details are merged into the fields.
   */
  Optional<CheckoutSession> complete(Ctx ctx, String id) {
    return complete(ctx, id, Map.of());
  }

  /**
   * The same, also setting {@code made}: in subscription mode the subscription, its first invoice
   * and customer, the amounts the invoice came to, and the payment status it gives.
   */
  Optional<CheckoutSession> complete(Ctx ctx, String id, Map<String, Object> made) {
    Optional<CheckoutSession> locked = TABLE.findForUpdate(ctx, id);
    if (locked.isEmpty() || !locked.get().open()) {
      return Optional.empty();
    }
    CheckoutSession s = locked.get();
    ObjectNode fields = s.fields().deepCopy();
    Payer payer = Json.MAPPER.convertValue(fields.remove("payer"), Payer.class);
    if (payer == null) {
      payer = new Payer(s.customerEmail(), null, null, null);
    }
    fields.set(
        "customer_details",
        ObjectSchema.node(
            CheckoutSession.CustomerDetails.of(
                payer.email(), payer.name(), payer.country(), payer.postalCode())));
    Map<String, Object> also = new HashMap<>();
    also.put("payment_status", paymentStatus(s));
    also.putAll(made);
    also.put("fields", fields);
    return TABLE
        .transition(ctx, id, CheckoutStatus.OPEN, CheckoutStatus.COMPLETE, also)
        .map(this::located);
  }

  /**
   * At completion: an authorization held for manual capture is not yet money in the account, so
   * Stripe's session stays {@code unpaid} until it is captured.
   */
  private static String paymentStatus(CheckoutSession s) {
    if ("setup".equals(s.mode())) {
      return "no_payment_required";
    }
    return "manual".equals(s.field("capture_method")) && s.paymentIntent() != null
        ? "unpaid"
        : "paid";
  }

  ListPage list(Ctx ctx, CheckoutParams.ListFilter f) {
    return new ListQuery<>(TABLE.name(), "checkout.session", ctx.accountId(), mapper())
        .whereEquals("customer", f.customer())
        .whereEquals("payment_intent", f.paymentIntent())
        .whereEquals("subscription", f.subscription())
        .whereEquals("status", f.status())
        .page(ctx.db(), f.page(), "/v1/checkout/sessions");
  }

  List<LineItem> lineItems(Ctx ctx, String session) {
    return ctx
        .db()
        .createQuery(
            "SELECT * FROM checkout_line_items WHERE account_id = ? AND session = ? ORDER BY seq")
        .bind(0, ctx.accountId())
        .bind(1, session)
        .map(LINE_ITEMS.mapper())
        .list()
        .stream()
        .map(item -> item.with(prices.retrieve(ctx, item.priceId())))
        .toList();
  }

  Customers customers() {
    return customers;
  }
}
