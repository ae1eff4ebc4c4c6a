package tally.customers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.api.Patch;
import tally.charges.Cards;
import tally.charges.CustomerCards;
import tally.core.Ids;
import tally.search.MetadataIndex;
import tally.store.Table;

/**
 * Customers: create, retrieve, update, list and delete, with cards attached from test tokens. Other
 * features reach customers only through this service (charges through {@link CustomerCards}).
 */
public final class Customers implements CustomerCards {
  static final Table<Customer> TABLE = Table.of("customers", Customer.class);

  /** A card saved on a customer from a test token ({@link Cards} renders it). */
  record SavedCardRow(String id, String customer, String token, long created) {}

  static final Table<SavedCardRow> CARDS = Table.of("customer_cards", SavedCardRow.class);

  /** Whether a PaymentMethod is attached to a customer (the payments feature answers). */
  @FunctionalInterface
  public interface PaymentMethodCheck {
    boolean isAttached(Ctx ctx, String customer, String paymentMethod);
  }

  private volatile PaymentMethodCheck paymentMethods = (ctx, customer, pm) -> false;

  public void checkPaymentMethodsWith(PaymentMethodCheck check) {
    this.paymentMethods = check;
  }

  /** The customer's {@code invoice_settings.default_payment_method}, if any. */
  public Optional<String> defaultPaymentMethod(Ctx ctx, String customerId) {
    return findLive(ctx, customerId).map(Customer::defaultPaymentMethod);
  }

  private volatile java.util.function.BiPredicate<Ctx, String> testClocks = (ctx, id) -> false;

  /** The test clocks feature says which clocks exist. */
  public void checkTestClocksWith(java.util.function.BiPredicate<Ctx, String> exists) {
    this.testClocks = exists;
  }

  /** The test clock a customer lives on, or null. */
  @Override
  public String testClockOf(Ctx ctx, String customerId) {
    return customerId == null
        ? null
        : TABLE.find(ctx, customerId).map(Customer::testClock).orElse(null);
  }

  /** Deleting a test clock deletes its customers. */
  public void deleteAllOnTestClock(Ctx ctx, String testClock) {
    ctx.db()
        .createQuery(
            "SELECT id FROM customers WHERE account_id = ? AND test_clock = ? AND deleted = FALSE")
        .bind(0, ctx.accountId())
        .bind(1, testClock)
        .mapTo(String.class)
        .list()
        .forEach(id -> delete(ctx, id));
  }

  Customer create(Ctx requestCtx, CustomerParams.Fields p) {
    if (p.testClock() != null && !testClocks.test(requestCtx, p.testClock())) {
      throw Errors.noSuch("test_clock", p.testClock(), "test_clock");
    }
    // A customer on a test clock is created at the clock's time.
    Ctx ctx = requestCtx.onTestClock(p.testClock());
    String pmOnCreate = p.defaultPaymentMethod().applyTo(null);
    if (pmOnCreate != null) {
      throw Errors.invalid(
          "invoice_settings[default_payment_method]",
          "No such PaymentMethod: '" + pmOnCreate + "'; attach it to the customer first.");
    }
    String id = Ids.newId("cus_");
    String card = p.source() == null ? null : attach(ctx, id, p.source());
    Customer created =
        TABLE.insert(
            ctx,
            new Customer(
                id,
                ctx.now(),
                p.email().applyTo(null),
                p.name().applyTo(null),
                p.phone().applyTo(null),
                p.description().applyTo(null),
                p.balance() == null ? 0 : p.balance(),
                null,
                card,
                Ids.random(8).toUpperCase(java.util.Locale.ROOT),
                p.nextInvoiceSequence() == null ? 1 : p.nextInvoiceSequence(),
                p.taxExempt() == null ? "none" : p.taxExempt(),
                p.preferredLocales() == null ? List.of() : p.preferredLocales(),
                p.address().applyTo(null),
                p.shipping().applyTo(null),
                p.metadata().applyTo(Map.of()),
                p.defaultPaymentMethod().applyTo(null),
                p.testClock(),
                false));
    indexMetadata(ctx, created);
    ctx.emit("customer.created", created);
    return created;
  }

  /** Metadata as rows, so {@code metadata["key"]} searches use an index. */
  private static final MetadataIndex METADATA =
      new MetadataIndex("customer_metadata", "customer_id");

  private static void indexMetadata(Ctx ctx, Customer c) {
    METADATA.write(ctx, c.id(), c.metadata());
  }

  /** Saves a test token's card on the customer; returns the new card's id. */
  private static String attach(Ctx ctx, String customer, String token) {
    Cards.checkAttachable(token, "source");
    String cardId = Ids.newId("card_");
    CARDS.insert(ctx, new SavedCardRow(cardId, customer, token, ctx.now()));
    return cardId;
  }

  /** The customer, also when deleted (Stripe answers a retrieve with the deleted stub). */
  Customer retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElseThrow(() -> Errors.noSuch("customer", id, "customer"));
  }

  /** A customer that other objects may still reference: deleted ones are gone. */
  public Optional<Customer> findLive(Ctx ctx, String id) {
    return TABLE.find(ctx, id).filter(c -> !c.deleted());
  }

  /** Like {@link #findLive}, but a missing customer is Stripe's 404 naming {@code param}. */
  public Customer requireLive(Ctx ctx, String id, String param) {
    return findLive(ctx, id).orElseThrow(() -> Errors.noSuch("customer", id, param));
  }

  /** Read-modify-write under the row lock (metadata merges): concurrent updates lose nothing. */
  Customer update(Ctx ctx, String id, CustomerParams.Fields p) {
    var updated =
        TABLE
            .update(ctx, id, locked -> changes(ctx, locked, p))
            .orElseThrow(() -> Errors.noSuch("customer", id, "customer"));
    Customer after = updated.after();
    indexMetadata(ctx, after);
    ctx.emitUpdate("customer.updated", updated);
    return after;
  }

  /** The columns an update sets, worked out from the locked row {@code c}. */
  private Map<String, Object> changes(Ctx ctx, Customer c, CustomerParams.Fields p) {
    if (c.deleted()) {
      throw Errors.noSuch("customer", c.id(), "customer");
    }
    String defaultSource = c.defaultSource();
    if (p.source() != null) {
      defaultSource = attach(ctx, c.id(), p.source());
    } else if (p.defaultSource() != null) {
      defaultSource =
          card(ctx, c.id(), p.defaultSource())
              .map(CustomerCards.SavedCard::id)
              .orElseThrow(() -> Errors.noSuch("source", p.defaultSource(), "default_source"));
    }
    Map<String, Object> changes = new HashMap<>();
    changes.put("email", p.email().applyTo(c.email()));
    changes.put("name", p.name().applyTo(c.name()));
    changes.put("phone", p.phone().applyTo(c.phone()));
    changes.put("description", p.description().applyTo(c.description()));
    changes.put("balance", p.balance() == null ? c.balance() : p.balance());
    changes.put("default_source", defaultSource);
    changes.put("tax_exempt", p.taxExempt() == null ? c.taxExempt() : p.taxExempt());
    changes.put(
        "preferred_locales",
        p.preferredLocales() == null ? c.preferredLocales() : p.preferredLocales());
    changes.put("address", p.address().applyTo(c.address()));
    changes.put("shipping", p.shipping().applyTo(c.shipping()));
    changes.put("metadata", p.metadata().applyTo(c.metadata()));
    if (p.nextInvoiceSequence() != null) {
      changes.put("next_invoice_sequence", p.nextInvoiceSequence());
    }
    String defaultMethod = p.defaultPaymentMethod().applyTo(c.defaultPaymentMethod());
    if (defaultMethod != null
        && !defaultMethod.equals(c.defaultPaymentMethod())
        && !paymentMethods.isAttached(ctx, c.id(), defaultMethod)) {
      throw Errors.invalid(
          "invoice_settings[default_payment_method]",
          "No such PaymentMethod: '"
              + defaultMethod
              + "'; It must be attached to this customer ("
              + c.id()
              + ") first.");
    }
    changes.put("default_payment_method", defaultMethod);
    return changes;
  }

  /** A customer created by a completed Checkout Session, with the payer's email. */
  public Customer createWithEmail(Ctx ctx, String email) {
    return create(ctx, contactFields(email, null));
  }

  /** Params that change only the email and/or the name: the hosted pages' forms. */
  private static CustomerParams.Fields contactFields(String email, String name) {
    return new CustomerParams.Fields(
        email == null ? Patch.absent() : new Patch.Set<>(email),
        name == null ? Patch.absent() : new Patch.Set<>(name),
        Patch.absent(),
        Patch.absent(),
        null,
        null,
        null,
        Patch.absent(),
        Patch.absent(),
        tally.api.Metadata.NONE,
        null,
        null,
        Patch.absent(),
        null,
        null);
  }

  /**
   * A PaymentMethod was detached from the customer: if it was the default, there is none now, as on
   * Stripe.
   */
  public void forgetPaymentMethod(Ctx ctx, String customerId, String paymentMethod) {
    TABLE
        .update(
            ctx,
            customerId,
            c -> {
              Map<String, Object> set = new HashMap<>();
              if (paymentMethod.equals(c.defaultPaymentMethod())) {
                set.put("default_payment_method", null);
              }
              return set;
            })
        .filter(u -> u.before() != u.after())
        .ifPresent(u -> ctx.emitUpdate("customer.updated", u));
  }

  /** The portal's contact form: the same update as the API's, with only these fields. */
  public Customer updateContact(Ctx ctx, String id, String email, String name) {
    return update(ctx, id, contactFields(email, name));
  }

  /**
   * The portal's new default PaymentMethod ({@code invoice_settings.default_payment_method}),
   * checked as the API's update checks it.
   */
  public Customer setDefaultPaymentMethod(Ctx ctx, String id, String paymentMethod) {
    CustomerParams.Fields fields = contactFields(null, null);
    return update(
        ctx,
        id,
        new CustomerParams.Fields(
            fields.email(),
            fields.name(),
            fields.phone(),
            fields.description(),
            fields.balance(),
            fields.taxExempt(),
            fields.preferredLocales(),
            fields.address(),
            fields.shipping(),
            fields.metadata(),
            fields.source(),
            fields.defaultSource(),
            new Patch.Set<>(paymentMethod),
            fields.nextInvoiceSequence(),
            fields.testClock()));
  }

  /** The customer's saved cards as {@code card} objects, newest first. */
  public List<com.fasterxml.jackson.databind.node.ObjectNode> cards(Ctx ctx, String id) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM customer_cards WHERE account_id = ? AND customer = ?"
                + " ORDER BY created DESC, id")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(CARDS.mapper())
        .map(card -> Cards.render(ctx.accountId(), card.id(), card.token(), card.created(), id))
        .list();
  }

  Customer delete(Ctx ctx, String id) {
    Customer deleted =
        TABLE
            .setWhere(ctx, id, Map.of("deleted", false), Map.of("deleted", true))
            .orElseThrow(() -> Errors.noSuch("customer", id, "customer"));
    ctx.emit("customer.deleted", deleted);
    return deleted;
  }

  /** {@code GET /v1/customers/search}: the charges' search engine over customer fields. */
  static tally.search.Search<Customer> searchEngine() {
    return new tally.search.Search<>(
        "(SELECT * FROM customers WHERE deleted = FALSE) customers",
        "customer",
        Map.of(
            "email", tally.search.SearchField.string("email"),
            "name", tally.search.SearchField.string("name"),
            "phone", tally.search.SearchField.string("phone"),
            "created", tally.search.SearchField.numeric("created"),
            "metadata[]",
                tally.search.Search.metadata("customer_metadata", "customer_id", "customers")),
        TABLE.mapper());
  }

  ListPage list(Ctx ctx, CustomerParams.ListFilter f) {
    return new ListQuery<>("customers", "customer", ctx.accountId(), TABLE.mapper())
        .where("deleted = :no", Map.of("no", false))
        .whereEquals("email", f.email())
        .whereEquals("test_clock", f.testClock())
        .page(ctx.db(), f.page(), "/v1/customers");
  }

  /**
   * Takes the customer's next invoice number in the caller's transaction: the update holds the row
   * until commit, so concurrent finalizations (two processes on one PostgreSQL) get consecutive
   * numbers, never the same one, and a rolled-back finalization gives its number back.
   */
  public long takeInvoiceNumber(Ctx ctx, String customerId) {
    return ctx.db()
        .createQuery(
            "UPDATE customers SET next_invoice_sequence = next_invoice_sequence + 1 WHERE"
                + " account_id = ? AND id = ? RETURNING next_invoice_sequence - 1")
        .bind(0, ctx.accountId())
        .bind(1, customerId)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public boolean exists(Ctx ctx, String customerId) {
    return findLive(ctx, customerId).isPresent();
  }

  @Override
  public Optional<SavedCard> card(Ctx ctx, String customerId, String cardId) {
    String wanted =
        cardId != null
            ? cardId
            : findLive(ctx, customerId).map(Customer::defaultSource).orElse(null);
    if (wanted == null) {
      return Optional.empty();
    }
    return CARDS
        .find(ctx, wanted)
        .filter(card -> card.customer().equals(customerId))
        .map(card -> new SavedCard(card.id(), card.token()));
  }

  /** The {@code card} object of a saved card, for {@code expand[]=default_source}. */
  ApiObject cardObject(Ctx ctx, String cardId) {
    return CARDS
        .find(ctx, cardId)
        .map(card ->
            ApiObject.of(() ->
                Cards.render(
                    ctx.accountId(), card.id(), card.token(), card.created(), card.customer())))
        .orElse(null);
  }
}
