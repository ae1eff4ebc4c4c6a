package tally.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;

/**
 * The last changes to a draft as it is finalized: lines priced from usage are read again (Stripe's
 * finalization grace period: usage for the period reported until then still counts), then billing
 * credits pay what they cover; the totals follow. Stripe's order: credits apply before tax, so
 * {@code total = subtotal − credits} and the customer is charged the rest.
 */
final class Settlement {
  private Settlement() {}

  static Invoice settle(Ctx ctx, Invoice draft, List<InvoiceListener> listeners) {
    ArrayNode lines = draft.linesData().deepCopy();
    boolean repriced = false;
    for (InvoiceListener l : listeners) {
      for (Invoices.Repriced r : l.reprice(ctx, draft)) {
        ObjectNode line = line(lines, r.line());
        line.put("amount", r.amount());
        line.put("subtotal", r.amount());
        line.put("quantity", r.quantity());
        line.put("quantity_decimal", Long.toString(r.quantity()));
        line.put("description", r.description());
        ((ObjectNode) line.path("pricing")).put("unit_amount_decimal", r.unitAmountDecimal());
        repriced = true;
      }
    }
    Invoice priced = repriced ? store(ctx, draft, lines) : draft;
    boolean credited = false;
    for (InvoiceListener l : listeners) {
      credited |= credit(lines, l.payWithCredits(ctx, priced));
    }
    return credited ? store(ctx, priced, lines) : priced;
  }

  /**
   * A preview ({@code create_preview}, never stored) with what credits would pay of it now: the
   * same lines and totals a finalization would give, nothing spent.
   */
  static Invoice preview(Ctx ctx, Invoice preview, List<InvoiceListener> listeners) {
    ArrayNode lines = preview.linesData().deepCopy();
    boolean credited = false;
    for (InvoiceListener l : listeners) {
      credited |= credit(lines, l.previewCredits(ctx, preview));
    }
    if (!credited) {
      return preview;
    }
    Map<String, Object> set = totals(lines);
    set.put("lines_data", lines);
    return tally.core.ObjectSchema.of(Invoice.class).with(preview, set);
  }

  /** Adds each credit to its line's {@code pretax_credit_amounts}; false if there were none. */
  private static boolean credit(ArrayNode lines, List<Invoices.LineCredit> credits) {
    for (Invoices.LineCredit c : credits) {
      line(lines, c.line())
          .withArray("pretax_credit_amounts")
          .addObject()
          .put("amount", c.amount())
          .put("credit_balance_transaction", c.creditBalanceTransaction())
          // no "discount": stripe-node types it optional, never null
          .put("type", "credit_balance_transaction");
    }
    return !credits.isEmpty();
  }

  private static ObjectNode line(ArrayNode lines, String id) {
    for (JsonNode l : lines) {
      if (l.path("id").asText().equals(id)) {
        return (ObjectNode) l;
      }
    }
    throw new IllegalStateException("no line " + id);
  }

  /** Stores the lines and their totals; the draft is locked by the finalization. */
  private static Invoice store(Ctx ctx, Invoice draft, ArrayNode lines) {
    Map<String, Object> set = totals(lines);
    set.put("lines_data", lines.deepCopy());
    return Invoices.TABLE
        .setWhere(ctx, draft.id(), Map.of("status", InvoiceStatus.DRAFT), set)
        .orElseThrow();
  }

  /** Subtotal, total and amount due of {@code lines}: credits apply before tax. */
  private static Map<String, Object> totals(ArrayNode lines) {
    long subtotal = 0;
    long credits = 0;
    for (JsonNode l : lines) {
      subtotal += l.path("amount").asLong();
      for (JsonNode c : l.path("pretax_credit_amounts")) {
        credits += c.path("amount").asLong();
      }
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("subtotal", subtotal);
    set.put("total", subtotal - credits);
    set.put("amount_due", subtotal - credits);
    return set;
  }
}
