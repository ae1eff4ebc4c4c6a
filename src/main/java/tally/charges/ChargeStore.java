package tally.charges;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.search.MetadataIndex;
import tally.store.Table;

/**
 * The charges table. State changes are compare-and-set: each UPDATE names the state it expects in
 * its WHERE clause and must touch exactly one row, so concurrent requests (or two processes) cannot
 * capture twice or refund past the captured amount. Where the guard is arithmetic the statement is
 * written out here; either way the row comes back through the table's mapper.
 */
final class ChargeStore {
  static final Table<Charge> TABLE = Table.of("charges", Charge.class);

  /** What refunds may return in all, as SQL: the captured amount, or an authorization in full. */
  private static final String REFUNDABLE =
      "(CASE WHEN captured THEN amount_captured ELSE amount END)";

  private static final MetadataIndex METADATA = new MetadataIndex("charge_metadata", "charge_id");

  /** Rows as {@code ctx}'s account sees them: {@code livemode} is the account's mode. */
  static RowMapper<Charge> mapper(Ctx ctx) {
    RowMapper<Charge> rows = TABLE.mapper();
    return ctx.account().livemode() ? (rs, sc) -> rows.map(rs, sc).inMode(true) : rows;
  }

  private static Function<Charge, Charge> seenBy(Ctx ctx) {
    boolean live = ctx.account().livemode();
    return c -> c.inMode(live);
  }

  void insert(Ctx ctx, Charge c) {
    // What search filters on, as indexed columns (the metadata goes to its side table).
    Map<String, Object> search = new LinkedHashMap<>();
    JsonNode card = c.card().path("payment_method_details").path("card");
    search.put("card_brand", card.path("brand").asText(null));
    search.put("card_last4", card.path("last4").asText(null));
    search.put("card_exp_month", card.path("exp_month").asText(null));
    search.put("card_exp_year", card.path("exp_year").asText(null));
    search.put("card_fingerprint", card.path("fingerprint").asText(null));
    search.put(
        "billing_postal_code",
        c.card().path("billing_details").path("address").path("postal_code").asText(null));
    TABLE.insert(ctx, c, search);
    METADATA.insert(ctx, c.id(), c.details().metadata());
  }

  Optional<Charge> paidForIntent(Ctx ctx, String paymentIntent) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM charges WHERE account_id = ? AND payment_intent = ? AND paid = TRUE"
                + " ORDER BY seq DESC LIMIT 1")
        .bind(0, ctx.accountId())
        .bind(1, paymentIntent)
        .map(mapper(ctx))
        .findOne();
  }

  Optional<Charge> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id).map(seenBy(ctx));
  }

  Charge get(Ctx ctx, String id, String param) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("charge", id, param));
  }

  /**
   * Read-modify-write of the editable fields under the row lock: {@code change} sees the charge as
   * it is and returns the columns to set. Before and after, or empty if there is no such charge.
   */
  Optional<Table.Updated<Charge>> update(
      Ctx ctx, String id, Function<Charge, Map<String, ?>> change) {
    Function<Charge, Charge> seen = seenBy(ctx);
    return TABLE
        .update(ctx, id, change)
        .map(u -> {
          Charge after = seen.apply(u.after());
          if (!after.details().metadata().equals(u.before().details().metadata())) {
            METADATA.write(ctx, id, after.details().metadata());
          }
          return new Table.Updated<>(seen.apply(u.before()), after);
        });
  }

  /** Captures an authorized charge once: the captured charge, or empty if it is not capturable. */
  Optional<Charge> capture(
      Ctx ctx, String id, long amount, String balanceTransaction, ChargeParams.Capture extra) {
    return ctx.db()
        .createQuery(
            "UPDATE charges SET captured = TRUE, amount_captured = :amount, balance_transaction ="
                + " :txn, receipt_email ="
                + " COALESCE(:receipt_email, receipt_email), statement_descriptor ="
                + " COALESCE(:sd, statement_descriptor), statement_descriptor_suffix ="
                + " COALESCE(:sds, statement_descriptor_suffix), transfer_group ="
                + " COALESCE(:tg, transfer_group) WHERE account_id = :account_id AND id = :id"
                + " AND captured = FALSE AND refunded = FALSE AND status = 'succeeded' AND"
                + " capture_before > :now AND :amount <= amount RETURNING *")
        .bind("amount", amount)
        .bind("txn", balanceTransaction)
        .bind("receipt_email", extra.receiptEmail())
        .bind("sd", extra.statementDescriptor())
        .bind("sds", extra.statementDescriptorSuffix())
        .bind("tg", extra.transferGroup())
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .bind("now", ctx.now())
        .map(mapper(ctx))
        .findOne();
  }

  /** Sets {@code disputed} on a captured charge; false if no captured charge has that id. */
  boolean markDisputed(Ctx ctx, String id) {
    return TABLE.setWhere(ctx, id, Map.of("captured", true), Map.of("disputed", true)).isPresent();
  }

  /** The charge after the refund, or empty if the refundable remainder no longer covers it. */
  Optional<Charge> addRefund(Ctx ctx, String id, long amount) {
    // A captured charge refunds what was captured (a partial capture's rest was released, not
    // refunded); an uncaptured one only its whole authorization (see Charge.refundable). RETURNING
    // hands back the changed row, so the caller need not read it again.
    return ctx.db()
        .createQuery(
            "UPDATE charges SET amount_refunded = amount_refunded + :amount, refunded ="
                + " (amount_refunded + :amount = "
                + REFUNDABLE
                + ") WHERE account_id = :account_id AND id = :id AND status = 'succeeded' AND"
                + " amount_refunded + :amount <= "
                + REFUNDABLE
                + " RETURNING *")
        .bind("amount", amount)
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .map(mapper(ctx))
        .findOne();
  }

  /**
   * Marks an authorization that ran out uncaptured as expired, once: the charge after it, or empty
   * if it is not an uncaptured authorization past its deadline (or is already expired).
   */
  Optional<Charge> expire(Ctx ctx, String id) {
    return ctx.db()
        .createQuery(
            "UPDATE charges SET expired = TRUE WHERE account_id = :account_id AND id = :id AND"
                + " captured = FALSE AND refunded = FALSE AND expired = FALSE AND status ="
                + " 'succeeded' AND capture_before <= :now RETURNING *")
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .bind("now", ctx.now())
        .map(mapper(ctx))
        .findOne();
  }

  /** Ends an uncaptured authorization now (its PaymentIntent was canceled): never capturable. */
  void endAuthorization(Ctx ctx, String id) {
    ctx.db()
        .createUpdate(
            "UPDATE charges SET expired = TRUE, capture_before = :now WHERE account_id ="
                + " :account_id AND id = :id AND captured = FALSE AND expired = FALSE")
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .bind("now", ctx.now())
        .execute();
  }

  /** Gives back a refund that failed after it was applied. */
  void revertRefund(Ctx ctx, String id, long amount) {
    ctx.db()
        .createUpdate(
            "UPDATE charges SET amount_refunded = amount_refunded - :amount, refunded = FALSE"
                + " WHERE account_id = :account_id AND id = :id AND amount_refunded >= :amount")
        .bind("amount", amount)
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .execute();
  }
}
