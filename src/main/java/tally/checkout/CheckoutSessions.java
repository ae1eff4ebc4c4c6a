package tally.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.catalog.Products;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.customers.Customers;
import tally.store.Rows;

/** Checkout Sessions: open → complete (paid on the hosted page) or expired (API or clock). */
public final class CheckoutSessions {
  static final long MIN_LIFETIME = 30 * 60;
  static final long MAX_LIFETIME = 24 * 3600;

  private final Prices prices;
  private final Products products;
  private final Customers customers;
  private final Supplier<String> publicBase;

  public CheckoutSessions(
      Prices prices, Products products, Customers customers, Supplier<String> publicBase) {
    this.prices = prices;
    this.products = products;
    this.customers = customers;
    this.publicBase = publicBase;
  }

  RowMapper<CheckoutSession> mapper() {
    return (rs, c) ->
        new CheckoutSession(
            rs.getString("id"),
            rs.getLong("created"),
            rs.getLong("expires_at"),
            rs.getString("status"),
            rs.getString("payment_status"),
            rs.getString("mode"),
            rs.getString("currency"),
            Rows.nullableLong(rs, "amount_subtotal"),
            Rows.nullableLong(rs, "amount_total"),
            rs.getString("customer"),
            rs.getString("customer_email"),
            rs.getString("charge"),
            (ObjectNode) Json.tree(rs.getString("fields")),
            publicBase.get());
  }

  private record Priced(Price price, long quantity, long amount, String description) {}

  CheckoutSession create(Ctx ctx, CheckoutParams.Create p) {
    if (p.customer() != null) {
      customers.requireLive(ctx, p.customer(), "customer");
    }
    long expiresAt = p.expiresAt() == null ? ctx.now() + MAX_LIFETIME : p.expiresAt();
    if (expiresAt < ctx.now() + MIN_LIFETIME || expiresAt > ctx.now() + MAX_LIFETIME) {
      throw Errors.invalid(
          "expires_at",
          "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout"
              + " Session creation.");
    }
    List<Priced> items = price(ctx, p);
    String currency = items.isEmpty() ? p.currency() : items.getFirst().price().currency();
    Long total = "setup".equals(p.mode()) ? null : items.stream().mapToLong(Priced::amount).sum();
    String id = "cs_test_" + Ids.random(58);
    ObjectNode fields = p.fields().deepCopy();
    fields.put("capture_method", p.captureMethod());
    fields.set("payment_metadata", Json.MAPPER.valueToTree(p.paymentMetadata()));
    fields.put("payment_description", p.paymentDescription());
    ctx.db()
        .createUpdate(
            "INSERT INTO checkout_sessions (account_id, id, seq, created, expires_at, status,"
                + " payment_status, mode, currency, amount_subtotal, amount_total, customer,"
                + " customer_email, fields) VALUES (:a, :id, :seq, :now, :expires, 'open', :ps,"
                + " :mode, :currency, :total, :total, :customer, :email, :fields)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("expires", expiresAt)
        .bind("ps", "setup".equals(p.mode()) ? "no_payment_required" : "unpaid")
        .bind("mode", p.mode())
        .bind("currency", currency)
        .bind("total", total)
        .bind("customer", p.customer())
        .bind("email", p.customerEmail())
        .bind("fields", Json.write(fields))
        .execute();
    for (Priced item : items) {
      ctx.db()
          .createUpdate(
              "INSERT INTO checkout_line_items (account_id, id, session, seq, price, quantity,"
                  + " amount, currency, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .bind(0, ctx.accountId())
          .bind(1, Ids.newId("li_"))
          .bind(2, id)
          .bind(3, Sequence.next())
          .bind(4, item.price().id())
          .bind(5, item.quantity())
          .bind(6, item.amount())
          .bind(7, item.price().currency())
          .bind(8, item.description())
          .execute();
    }
    return retrieve(ctx, id);
  }

  private List<Priced> price(Ctx ctx, CheckoutParams.Create p) {
    if ("setup".equals(p.mode())) {
      if (!p.items().isEmpty()) {
        throw Errors.invalid("line_items", "You cannot pass `line_items` in `setup` mode.");
      }
      return List.of();
    }
    if (p.items().isEmpty()) {
      throw Errors.missing("line_items");
    }
    if (p.items().size() > 100) {
      throw Errors.invalid("line_items", "A Checkout Session can have at most 100 line items.");
    }
    List<Priced> out = new ArrayList<>();
    for (int i = 0; i < p.items().size(); i++) {
      CheckoutParams.Item item = p.items().get(i);
      String at = "line_items[" + i + "]";
      Price price =
          item.price() != null
              ? prices
                  .find(ctx, item.price())
                  .orElseThrow(() -> Errors.noSuch("price", item.price(), at + "[price]"))
              : products.adhocPrice(ctx, item.priceData(), item.product(), item.productName());
      if (item.price() != null && !price.active()) {
        throw Errors.invalid(at + "[price]", "The price " + price.id() + " is not active.");
      }
      if (price.recurringPrice()) {
        throw Errors.invalid(
            at,
            "You specified `payment` mode but passed a recurring price. Either switch to"
                + " `subscription` mode or use only one-time prices.");
      }
      if (item.quantity() == null) {
        throw Errors.missing(at + "[quantity]");
      }
      if (!out.isEmpty() && !out.getFirst().price().currency().equals(price.currency())) {
        throw Errors.invalid(at, "All line items must use the same currency.");
      }
      BigDecimal unit =
          price.unitAmount() != null
              ? BigDecimal.valueOf(price.unitAmount())
              : new BigDecimal(price.unitAmountDecimal() == null ? "0" : price.unitAmountDecimal());
      long amount =
          unit.multiply(BigDecimal.valueOf(item.quantity()))
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
      String name = products.find(ctx, price.product()).map(pr -> pr.name()).orElse(null);
      out.add(new Priced(price, item.quantity(), amount, name));
    }
    return out;
  }

  Optional<CheckoutSession> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "checkout_sessions", ctx.accountId(), id, mapper());
  }

  CheckoutSession retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("checkout.session", id, "session"));
  }

  /** The account a session belongs to: its id is the hosted page's only credential. */
  Optional<String> accountOf(Ctx ctx, String id) {
    return ctx.db()
        .createQuery("SELECT account_id FROM checkout_sessions WHERE id = ?")
        .bind(0, id)
        .mapTo(String.class)
        .findOne();
  }

  CheckoutSession update(Ctx ctx, String id, CheckoutParams.Update p) {
    CheckoutSession s = retrieve(ctx, id);
    ObjectNode fields = s.fields().deepCopy();
    Map<String, String> metadata =
        p.metadata().applyTo(Json.stringMap(Json.write(fields.get("metadata"))));
    fields.set("metadata", Json.MAPPER.valueToTree(metadata));
    setFields(ctx, id, fields);
    return retrieve(ctx, id);
  }

  private static void setFields(Ctx ctx, String id, ObjectNode fields) {
    ctx.db()
        .createUpdate("UPDATE checkout_sessions SET fields = ? WHERE account_id = ? AND id = ?")
        .bind(0, Json.write(fields))
        .bind(1, ctx.accountId())
        .bind(2, id)
        .execute();
  }

  CheckoutSession expire(Ctx ctx, String id) {
    retrieve(ctx, id);
    if (!moveFromOpen(ctx, id, "expired", null)) {
      throw Errors.invalid(
          null, "Only Checkout Sessions with a status in [\"open\"] can be expired.");
    }
    CheckoutSession expired = retrieve(ctx, id);
    ctx.emit("checkout.session.expired", expired);
    return expired;
  }

  /** The clock's expiry of open sessions past expires_at. */
  public boolean expireDue(Ctx ctx, String id) {
    Optional<CheckoutSession> s = find(ctx, id);
    if (s.isEmpty() || !s.get().open() || s.get().expiresAt() > ctx.now()) {
      return false;
    }
    if (!moveFromOpen(ctx, id, "expired", null)) {
      return false;
    }
    ctx.emit("checkout.session.expired", retrieve(ctx, id));
    return true;
  }

  /** open → {@code to}; false if the session was no longer open. */
  boolean moveFromOpen(Ctx ctx, String id, String to, String paymentStatus) {
    return ctx.db()
            .createUpdate(
                "UPDATE checkout_sessions SET status = :to, payment_status = COALESCE(:ps,"
                    + " payment_status) WHERE account_id = :a AND id = :id AND status = 'open'")
            .bind("to", to)
            .bind("ps", paymentStatus)
            .bind("a", ctx.accountId())
            .bind("id", id)
            .execute()
        == 1;
  }

  /** Records the payer and their payment on a completed session. */
  void recordPayment(Ctx ctx, CheckoutSession s, String email, String chargeId, String customer) {
    ObjectNode fields = s.fields().deepCopy();
    ObjectNode details = fields.putObject("customer_details");
    details.putNull("address");
    details.putNull("business_name");
    details.put("email", email);
    details.putNull("individual_name");
    details.putNull("name");
    details.putNull("phone");
    details.put("tax_exempt", "none");
    details.putArray("tax_ids");
    setFields(ctx, s.id(), fields);
    ctx.db()
        .createUpdate(
            "UPDATE checkout_sessions SET charge = ?, customer = ? WHERE account_id = ? AND id = ?")
        .bind(0, chargeId)
        .bind(1, customer)
        .bind(2, ctx.accountId())
        .bind(3, s.id())
        .execute();
  }

  ListPage list(Ctx ctx, CheckoutParams.ListFilter f) {
    if (f.paymentIntent() != null) {
      throw Errors.noSuch("payment_intent", f.paymentIntent(), "payment_intent");
    }
    return new ListQuery<>("checkout_sessions", "checkout.session", ctx.accountId(), mapper())
        .whereEquals("customer", f.customer())
        .whereEquals("status", f.status())
        .page(ctx.db(), f.page(), "/v1/checkout/sessions");
  }

  List<LineItem> lineItems(Ctx ctx, String session) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM checkout_line_items WHERE account_id = ? AND session = ? ORDER BY seq")
        .bind(0, ctx.accountId())
        .bind(1, session)
        .map((rs, c) ->
            new LineItem(
                rs.getString("id"),
                prices.retrieve(ctx, rs.getString("price")),
                rs.getLong("quantity"),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getString("description")))
        .list();
  }

  Customers customers() {
    return customers;
  }
}
