package tally.charges;

import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.core.Json;
import tally.core.Sequence;
import tally.search.MetadataIndex;
import tally.store.Rows;

/**
 * The charges table. State changes are compare-and-set: each UPDATE names the state it expects in
 * its WHERE clause and must touch exactly one row, so concurrent requests (or two processes) cannot
 * capture twice or refund past the captured amount.
 */
final class ChargeStore {
  static final RowMapper<Charge> MAPPER =
      (rs, c) ->
          new Charge(
              rs.getString("id"),
              rs.getLong("created"),
              false,
              rs.getLong("amount"),
              rs.getLong("amount_captured"),
              rs.getLong("amount_refunded"),
              rs.getString("currency"),
              rs.getString("status"),
              rs.getBoolean("paid"),
              rs.getBoolean("captured"),
              rs.getBoolean("refunded"),
              rs.getBoolean("disputed"),
              rs.getString("customer"),
              rs.getString("description"),
              rs.getString("receipt_email"),
              rs.getString("transfer_group"),
              rs.getString("statement_descriptor"),
              rs.getString("statement_descriptor_suffix"),
              rs.getString("failure_code"),
              rs.getString("failure_message"),
              rs.getString("balance_transaction"),
              rs.getString("payment_method"),
              Rows.nullableLong(rs, "capture_before"),
              Json.stringMap(rs.getString("metadata")),
              Json.tree(rs.getString("shipping")),
              Json.tree(rs.getString("fraud_details")),
              Json.tree(rs.getString("card")));

  void insert(Ctx ctx, Charge c) {
    ctx.db()
        .createUpdate(
            "INSERT INTO charges (account_id, id, seq, created, amount, amount_captured,"
                + " amount_refunded, currency, status, paid, captured, refunded, disputed, customer,"
                + " description, receipt_email, transfer_group, statement_descriptor,"
                + " statement_descriptor_suffix, failure_code, failure_message, balance_transaction,"
                + " payment_method, capture_before, metadata, shipping, fraud_details, card,"
                + " card_brand, card_last4, card_exp_month, card_exp_year, card_fingerprint,"
                + " billing_postal_code) VALUES (:account_id, :id, :seq, :created, :amount,"
                + " :amount_captured, :amount_refunded, :currency, :status, :paid, :captured,"
                + " :refunded, :disputed, :customer, :description, :receipt_email, :transfer_group,"
                + " :statement_descriptor, :statement_descriptor_suffix, :failure_code,"
                + " :failure_message, :balance_transaction, :payment_method, :capture_before,"
                + " :metadata, :shipping, :fraud_details, :card, :brand, :last4, :month, :year,"
                + " :fingerprint, :postal)")
        .bind("account_id", ctx.accountId())
        .bind("id", c.id())
        .bind("seq", Sequence.next())
        .bind("created", c.created())
        .bind("amount", c.amount())
        .bind("amount_captured", c.amountCaptured())
        .bind("amount_refunded", c.amountRefunded())
        .bind("currency", c.currency())
        .bind("status", c.status())
        .bind("paid", c.paid())
        .bind("captured", c.captured())
        .bind("refunded", c.refunded())
        .bind("disputed", c.disputed())
        .bind("customer", c.customer())
        .bind("description", c.description())
        .bind("receipt_email", c.receiptEmail())
        .bind("transfer_group", c.transferGroup())
        .bind("statement_descriptor", c.statementDescriptor())
        .bind("statement_descriptor_suffix", c.statementDescriptorSuffix())
        .bind("failure_code", c.failureCode())
        .bind("failure_message", c.failureMessage())
        .bind("balance_transaction", c.balanceTransaction())
        .bind("payment_method", c.paymentMethod())
        .bind("capture_before", c.captureBefore())
        .bind("metadata", Json.write(c.metadata()))
        .bind("shipping", Json.write(c.shipping()))
        .bind("fraud_details", Json.write(c.fraudDetails()))
        .bind("card", Json.write(c.card()))
        // What search filters on, as indexed columns (the metadata goes to its side table).
        .bind("brand", cardField(c, "brand"))
        .bind("last4", cardField(c, "last4"))
        .bind("month", cardField(c, "exp_month"))
        .bind("year", cardField(c, "exp_year"))
        .bind("fingerprint", cardField(c, "fingerprint"))
        .bind(
            "postal",
            c.card().path("billing_details").path("address").path("postal_code").asText(null))
        .execute();
    METADATA.insert(ctx, c.id(), c.metadata());
  }

  private static String cardField(Charge c, String field) {
    return c.card().path("payment_method_details").path("card").path(field).asText(null);
  }

  private static final MetadataIndex METADATA = new MetadataIndex("charge_metadata", "charge_id");

  private static void writeMetadataRows(Ctx ctx, Charge c) {
    METADATA.write(ctx, c.id(), c.metadata());
  }

  Optional<Charge> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "charges", ctx.accountId(), id, MAPPER);
  }

  /** Reads a charge to change it: on PostgreSQL the row stays locked until the transaction ends. */
  Charge getForUpdate(Ctx ctx, String id, String param) {
    return ctx.db()
        .createQuery("SELECT * FROM charges WHERE account_id = ? AND id = ? <forUpdate>")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(MAPPER)
        .findOne()
        .orElseThrow(() -> Errors.noSuch("charge", id, param));
  }

  Charge get(Ctx ctx, String id, String param) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("charge", id, param));
  }

  /** Writes the editable fields of {@code c} (description, metadata, shipping, …). */
  void updateDetails(Ctx ctx, Charge c) {
    ctx.db()
        .createUpdate(
            "UPDATE charges SET description = :description, metadata = :metadata, receipt_email ="
                + " :receipt_email, shipping = :shipping, fraud_details = :fraud_details,"
                + " transfer_group = :transfer_group, customer = :customer WHERE account_id ="
                + " :account_id AND id = :id")
        .bind("description", c.description())
        .bind("metadata", Json.write(c.metadata()))
        .bind("receipt_email", c.receiptEmail())
        .bind("shipping", Json.write(c.shipping()))
        .bind("fraud_details", Json.write(c.fraudDetails()))
        .bind("transfer_group", c.transferGroup())
        .bind("customer", c.customer())
        .bind("account_id", ctx.accountId())
        .bind("id", c.id())
        .execute();
    writeMetadataRows(ctx, c);
  }

  /** Captures an authorized charge once; false if it is no longer capturable. */
  boolean capture(Ctx ctx, String id, long amount, String balanceTransaction, Capture extra) {
    return ctx.db()
            .createUpdate(
                "UPDATE charges SET captured = TRUE, amount_captured = :amount, amount_refunded ="
                    + " amount - :amount, balance_transaction = :txn, receipt_email ="
                    + " COALESCE(:receipt_email, receipt_email), statement_descriptor ="
                    + " COALESCE(:sd, statement_descriptor), statement_descriptor_suffix ="
                    + " COALESCE(:sds, statement_descriptor_suffix), transfer_group ="
                    + " COALESCE(:tg, transfer_group) WHERE account_id = :account_id AND id = :id"
                    + " AND captured = FALSE AND refunded = FALSE AND status = 'succeeded' AND"
                    + " capture_before > :now AND :amount <= amount")
            .bind("amount", amount)
            .bind("txn", balanceTransaction)
            .bind("receipt_email", extra.receiptEmail())
            .bind("sd", extra.statementDescriptor())
            .bind("sds", extra.statementDescriptorSuffix())
            .bind("tg", extra.transferGroup())
            .bind("account_id", ctx.accountId())
            .bind("id", id)
            .bind("now", ctx.now())
            .execute()
        == 1;
  }

  /** Sets {@code disputed} on a captured charge; false if no captured charge has that id. */
  boolean markDisputed(Ctx ctx, String id) {
    return ctx.db()
            .createUpdate(
                "UPDATE charges SET disputed = TRUE WHERE account_id = :account_id AND id = :id AND"
                    + " captured = TRUE")
            .bind("account_id", ctx.accountId())
            .bind("id", id)
            .execute()
        == 1;
  }

  /** The charge after the refund, or empty if the refundable remainder no longer covers it. */
  Optional<Charge> addRefund(Ctx ctx, String id, long amount) {
    // amount_refunded includes what a partial capture released, so "amount" bounds both cases.
    // RETURNING hands back the changed row, so the caller need not read it again.
    return ctx.db()
        .createQuery(
            "UPDATE charges SET amount_refunded = amount_refunded + :amount, refunded ="
                + " (amount_refunded + :amount = amount) WHERE account_id = :account_id AND id"
                + " = :id AND status = 'succeeded' AND amount_refunded + :amount <= amount"
                + " RETURNING *")
        .bind("amount", amount)
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .map(MAPPER)
        .findOne();
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

  record Capture(
      String receiptEmail,
      String statementDescriptor,
      String statementDescriptorSuffix,
      String transferGroup) {}
}
