package tally.customers;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.ApiObject;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.api.Patch;
import tally.charges.Cards;
import tally.charges.CustomerCards;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.search.MetadataIndex;

/**
 * Customers: create, retrieve, update, list and delete, with cards attached from test tokens. Other
 * features reach customers only through this service (charges through {@link CustomerCards}).
 */
public final class Customers implements CustomerCards {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  static final RowMapper<Customer> MAPPER =
      (rs, c) -> {
        try {
          return new Customer(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("email"),
              rs.getString("name"),
              rs.getString("phone"),
              rs.getString("description"),
              rs.getLong("balance"),
              rs.getString("currency"),
              rs.getString("default_source"),
              rs.getString("invoice_prefix"),
              rs.getString("tax_exempt"),
              Json.MAPPER.readValue(rs.getString("preferred_locales"), STRINGS),
              Json.tree(rs.getString("address")),
              Json.tree(rs.getString("shipping")),
              Json.stringMap(rs.getString("metadata")),
              rs.getBoolean("deleted"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      };

  Customer create(Ctx ctx, CustomerParams.Fields p) {
    String id = Ids.newId("cus_");
    String card = p.source() == null ? null : attach(ctx, id, p.source());
    ctx.db()
        .createUpdate(
            "INSERT INTO customers (account_id, id, seq, created, email, name, phone, description,"
                + " balance, currency, default_source, invoice_prefix, tax_exempt,"
                + " preferred_locales, address, shipping, metadata, deleted) VALUES (:a, :id, :seq,"
                + " :created, :email, :name, :phone, :description, :balance, NULL, :source,"
                + " :prefix, :tax_exempt, :locales, :address, :shipping, :metadata, FALSE)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("created", ctx.now())
        .bind("email", p.email().applyTo(null))
        .bind("name", p.name().applyTo(null))
        .bind("phone", p.phone().applyTo(null))
        .bind("description", p.description().applyTo(null))
        .bind("balance", p.balance() == null ? 0 : p.balance())
        .bind("source", card)
        .bind("prefix", Ids.random(8).toUpperCase(java.util.Locale.ROOT))
        .bind("tax_exempt", p.taxExempt() == null ? "none" : p.taxExempt())
        .bind(
            "locales", Json.write(p.preferredLocales() == null ? List.of() : p.preferredLocales()))
        .bind("address", Json.write(p.address().applyTo(null)))
        .bind("shipping", Json.write(p.shipping().applyTo(null)))
        .bind("metadata", Json.write(p.metadata().applyTo(java.util.Map.of())))
        .execute();
    Customer created = retrieve(ctx, id);
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
    ctx.db()
        .createUpdate(
            "INSERT INTO customer_cards (account_id, id, customer, token, created) VALUES (?, ?, ?,"
                + " ?, ?)")
        .bind(0, ctx.accountId())
        .bind(1, cardId)
        .bind(2, customer)
        .bind(3, token)
        .bind(4, ctx.now())
        .execute();
    return cardId;
  }

  /** The customer, also when deleted (Stripe answers a retrieve with the deleted stub). */
  Customer retrieve(Ctx ctx, String id) {
    return read(ctx, id, "");
  }

  private Customer read(Ctx ctx, String id, String lock) {
    return ctx.db()
        .createQuery("SELECT * FROM customers WHERE account_id = ? AND id = ? " + lock)
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(MAPPER)
        .findOne()
        .orElseThrow(() -> Errors.noSuch("customer", id, "customer"));
  }

  /** A customer that other objects may still reference: deleted ones are gone. */
  public Optional<Customer> findLive(Ctx ctx, String id) {
    return ctx.db()
        .createQuery("SELECT * FROM customers WHERE account_id = ? AND id = ? AND deleted = FALSE")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(MAPPER)
        .findOne();
  }

  /** Like {@link #findLive}, but a missing customer is Stripe's 404 naming {@code param}. */
  public Customer requireLive(Ctx ctx, String id, String param) {
    return findLive(ctx, id).orElseThrow(() -> Errors.noSuch("customer", id, param));
  }

  Customer update(Ctx ctx, String id, CustomerParams.Fields p) {
    // Read-modify-write (metadata merges): lock the row so concurrent updates lose nothing.
    Customer c = read(ctx, id, "<forUpdate>");
    if (c.deleted()) {
      throw Errors.noSuch("customer", id, "customer");
    }
    String defaultSource = c.defaultSource();
    if (p.source() != null) {
      defaultSource = attach(ctx, id, p.source());
    } else if (p.defaultSource() != null) {
      defaultSource =
          card(ctx, id, p.defaultSource())
              .map(CustomerCards.SavedCard::id)
              .orElseThrow(() -> Errors.noSuch("source", p.defaultSource(), "default_source"));
    }
    ctx.db()
        .createUpdate(
            "UPDATE customers SET email = :email, name = :name, phone = :phone, description ="
                + " :description, balance = :balance, default_source = :source, tax_exempt ="
                + " :tax_exempt, preferred_locales = :locales, address = :address, shipping ="
                + " :shipping, metadata = :metadata WHERE account_id = :a AND id = :id")
        .bind("email", p.email().applyTo(c.email()))
        .bind("name", p.name().applyTo(c.name()))
        .bind("phone", p.phone().applyTo(c.phone()))
        .bind("description", p.description().applyTo(c.description()))
        .bind("balance", p.balance() == null ? c.balance() : p.balance())
        .bind("source", defaultSource)
        .bind("tax_exempt", p.taxExempt() == null ? c.taxExempt() : p.taxExempt())
        .bind(
            "locales",
            Json.write(p.preferredLocales() == null ? c.preferredLocales() : p.preferredLocales()))
        .bind("address", Json.write(p.address().applyTo(c.address())))
        .bind("shipping", Json.write(p.shipping().applyTo(c.shipping())))
        .bind("metadata", Json.write(p.metadata().applyTo(c.metadata())))
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    Customer after = retrieve(ctx, id);
    indexMetadata(ctx, after);
    ctx.emitUpdate("customer.updated", after, Changes.previous(c, after));
    return after;
  }

  /** A customer created by a completed Checkout Session, with the payer's email. */
  public Customer createWithEmail(Ctx ctx, String email) {
    return create(ctx, contactFields(email, null, null));
  }

  /** Params that change only the email, the name and/or add a card: the hosted pages' forms. */
  private static CustomerParams.Fields contactFields(String email, String name, String source) {
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
        source,
        null);
  }

  /** The portal's contact form: the same update as the API's, with only these fields. */
  public Customer updateContact(Ctx ctx, String id, String email, String name) {
    return update(ctx, id, contactFields(email, name, null));
  }

  /** The portal's "add a card": attaches it and makes it the default, as source= does. */
  public Customer attachCard(Ctx ctx, String id, String token) {
    return update(ctx, id, contactFields(null, null, token));
  }

  /** The customer's saved cards as {@code card} objects, newest first. */
  public List<com.fasterxml.jackson.databind.node.ObjectNode> cards(Ctx ctx, String id) {
    return ctx.db()
        .createQuery(
            "SELECT id, token, created FROM customer_cards WHERE account_id = ? AND customer = ?"
                + " ORDER BY created DESC, id")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map((rs, c) ->
            Cards.render(ctx.accountId(), rs.getString(1), rs.getString(2), rs.getLong(3), id))
        .list();
  }

  Customer delete(Ctx ctx, String id) {
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE customers SET deleted = TRUE WHERE account_id = ? AND id = ? AND deleted ="
                    + " FALSE")
            .bind(0, ctx.accountId())
            .bind(1, id)
            .execute();
    if (changed != 1) {
      throw Errors.noSuch("customer", id, "customer");
    }
    Customer deleted = retrieve(ctx, id);
    ctx.emit("customer.deleted", deleted);
    return deleted;
  }

  /** {@code GET /v1/customers/search}: the charges' search engine over customer fields. */
  static tally.search.Search<Customer> searchEngine() {
    return new tally.search.Search<>(
        "(SELECT * FROM customers WHERE deleted = FALSE) customers",
        "customer",
        java.util.Map.of(
            "email", tally.search.SearchField.string("email"),
            "name", tally.search.SearchField.string("name"),
            "phone", tally.search.SearchField.string("phone"),
            "created", tally.search.SearchField.numeric("created"),
            "metadata[]",
                tally.search.Search.metadata("customer_metadata", "customer_id", "customers")),
        MAPPER);
  }

  ListPage list(Ctx ctx, CustomerParams.ListFilter f) {
    return new ListQuery<>("customers", "customer", ctx.accountId(), MAPPER)
        .where("deleted = :no", java.util.Map.of("no", false))
        .whereEquals("email", f.email())
        .page(ctx.db(), f.page(), "/v1/customers");
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
    return ctx.db()
        .createQuery(
            "SELECT id, token FROM customer_cards WHERE account_id = ? AND customer = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, customerId)
        .bind(2, wanted)
        .map((rs, c) -> new SavedCard(rs.getString(1), rs.getString(2)))
        .findOne();
  }

  /** The {@code card} object of a saved card, for {@code expand[]=default_source}. */
  ApiObject cardObject(Ctx ctx, String cardId) {
    return ctx.db()
        .createQuery(
            "SELECT customer, token, created FROM customer_cards WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, cardId)
        .map((rs, c) -> {
          String customer = rs.getString(1);
          String token = rs.getString(2);
          long created = rs.getLong(3);
          return ApiObject.of(
              () -> Cards.render(ctx.accountId(), cardId, token, created, customer));
        })
        .findOne()
        .orElse(null);
  }
}
