package tally.disputes;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.balance.Ledger;
import tally.core.Json;
import tally.core.Sequence;
import tally.store.Rows;

/**
 * The disputes table. Changes are compare-and-set: {@link #save} writes a new state only over the
 * status and version it was derived from, so two requests (or a request and the resolution job)
 * cannot both move the same dispute.
 */
final class DisputeStore {
  static final String TABLE = "disputes";

  private final Ledger ledger;

  DisputeStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The facts a new dispute starts with. */
  record NewDispute(
      String id,
      String charge,
      long amount,
      String currency,
      String reason,
      String brand,
      String networkReasonCode,
      long dueBy,
      DisputeState state) {}

  void insert(Ctx ctx, NewDispute d) {
    DisputeState s = d.state();
    ctx.db()
        .createUpdate(
            "INSERT INTO disputes (account_id, id, seq, created, charge, amount, currency, reason,"
                + " status, is_charge_refundable, case_type, brand, network_reason_code, evidence,"
                + " has_evidence, past_due, submission_count, due_by, resolve_at, metadata, version)"
                + " VALUES (:account_id, :id, :seq, :created, :charge, :amount, :currency, :reason,"
                + " :status, :refundable, :case_type, :brand, :network_reason_code, :evidence,"
                + " :has_evidence, :past_due, :submission_count, :due_by, :resolve_at, :metadata, 0)")
        .bind("account_id", ctx.accountId())
        .bind("id", d.id())
        .bind("seq", Sequence.next())
        .bind("created", ctx.now())
        .bind("charge", d.charge())
        .bind("amount", d.amount())
        .bind("currency", d.currency())
        .bind("reason", d.reason())
        .bind("status", s.status().wire())
        .bind("refundable", s.chargeRefundable())
        .bind("case_type", s.caseType())
        .bind("brand", d.brand())
        .bind("network_reason_code", d.networkReasonCode())
        .bind("evidence", Json.write(s.evidence().values()))
        .bind("has_evidence", s.hasEvidence())
        .bind("past_due", s.pastDue())
        .bind("submission_count", s.submissionCount())
        .bind("due_by", d.dueBy())
        .bind("resolve_at", s.resolveAt())
        .bind("metadata", Json.write(s.metadata()))
        .execute();
  }

  /** Writes {@code next} over {@code current}; false if the dispute changed in between. */
  boolean save(Ctx ctx, Dispute current, DisputeState next) {
    return ctx.db()
            .createUpdate(
                "UPDATE disputes SET status = :status, is_charge_refundable = :refundable,"
                    + " case_type = :case_type, evidence = :evidence, has_evidence = :has_evidence,"
                    + " past_due = :past_due, submission_count = :submission_count, resolve_at ="
                    + " :resolve_at, metadata = :metadata, version = version + 1 WHERE account_id ="
                    + " :account_id AND id = :id AND status = :expected_status AND version ="
                    + " :expected_version")
            .bind("status", next.status().wire())
            .bind("refundable", next.chargeRefundable())
            .bind("case_type", next.caseType())
            .bind("evidence", Json.write(next.evidence().values()))
            .bind("has_evidence", next.hasEvidence())
            .bind("past_due", next.pastDue())
            .bind("submission_count", next.submissionCount())
            .bind("resolve_at", next.resolveAt())
            .bind("metadata", Json.write(next.metadata()))
            .bind("account_id", ctx.accountId())
            .bind("id", current.id())
            .bind("expected_status", current.state().status().wire())
            .bind("expected_version", current.version())
            .execute()
        == 1;
  }

  Optional<Dispute> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "disputes", ctx.accountId(), id, mapper(ctx));
  }

  /** The charge's most recent dispute (a charge can have several). */
  Optional<Dispute> latestForCharge(Ctx ctx, String chargeId) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM disputes WHERE account_id = ? AND charge = ? ORDER BY seq DESC LIMIT 1")
        .bind(0, ctx.accountId())
        .bind(1, chargeId)
        .map(mapper(ctx))
        .findOne();
  }

  boolean anyUnrefundable(Ctx ctx, String chargeId) {
    return ctx.db()
            .createQuery(
                "SELECT COUNT(*) FROM disputes WHERE account_id = ? AND charge = ? AND"
                    + " is_charge_refundable = FALSE")
            .bind(0, ctx.accountId())
            .bind(1, chargeId)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** Rows to disputes, each with its balance transactions from the ledger. */
  RowMapper<Dispute> mapper(Ctx ctx) {
    return (rs, c) -> {
      String id = rs.getString("id");
      Map<String, String> evidence = Json.stringMap(rs.getString("evidence"));
      DisputeState state =
          new DisputeState(
              DisputeStatus.of(rs.getString("status")),
              rs.getBoolean("is_charge_refundable"),
              rs.getString("case_type"),
              new Evidence(evidence),
              rs.getBoolean("has_evidence"),
              rs.getBoolean("past_due"),
              rs.getLong("submission_count"),
              Rows.nullableLong(rs, "resolve_at"),
              Json.stringMap(rs.getString("metadata")));
      return new Dispute(
          id,
          rs.getLong("created"),
          ctx.account().livemode(),
          rs.getString("charge"),
          rs.getLong("amount"),
          rs.getString("currency"),
          rs.getString("reason"),
          rs.getString("brand"),
          rs.getString("network_reason_code"),
          rs.getLong("due_by"),
          state,
          rs.getLong("version"),
          ledger.forSource(ctx, id));
    };
  }
}
