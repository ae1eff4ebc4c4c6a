package tally.charges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A charge as stored; renders every field of Stripe's charge object (null where unset). */
public record Charge(
    String id,
    long created,
    boolean livemode,
    long amount,
    long amountCaptured,
    long amountRefunded,
    String currency,
    String status,
    boolean paid,
    boolean captured,
    boolean refunded,
    boolean disputed,
    String customer,
    String description,
    String receiptEmail,
    String transferGroup,
    String statementDescriptor,
    String statementDescriptorSuffix,
    String failureCode,
    String failureMessage,
    String balanceTransaction,
    String paymentMethod,
    Long captureBefore,
    Map<String, String> metadata,
    JsonNode shipping,
    JsonNode fraudDetails,
    JsonNode card)
    implements ApiObject {

  /** What refunds may still return: the amount less everything refunded or released. */
  public long refundable() {
    return amount - amountRefunded;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "charge");
    n.put("amount", amount);
    n.put("amount_captured", amountCaptured);
    n.put("amount_refunded", amountRefunded);
    n.putNull("application");
    n.putNull("application_fee");
    n.putNull("application_fee_amount");
    n.put("balance_transaction", balanceTransaction);
    n.set("billing_details", card.get("billing_details"));
    n.put("calculated_statement_descriptor", calculatedStatementDescriptor());
    n.put("captured", captured);
    n.put("created", created);
    n.put("currency", currency);
    n.put("customer", customer);
    n.put("description", description);
    n.put("disputed", disputed);
    n.putNull("failure_balance_transaction");
    n.put("failure_code", failureCode);
    n.put("failure_message", failureMessage);
    n.set("fraud_details", fraudDetails);
    n.put("livemode", livemode);
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.putNull("on_behalf_of");
    n.set("outcome", card.get("outcome"));
    n.put("paid", paid);
    n.putNull("payment_intent");
    n.put("payment_method", paymentMethod);
    n.set("payment_method_details", card.get("payment_method_details"));
    n.put("receipt_email", receiptEmail);
    n.putNull("receipt_number");
    n.put("receipt_url", "https://pay.stripe.com/receipts/payment/" + id.substring(3));
    n.put("refunded", refunded);
    n.putNull("review");
    n.set("shipping", shipping == null ? null : shipping.deepCopy());
    n.set("source", card.get("source"));
    n.putNull("source_transfer");
    n.put("statement_descriptor", statementDescriptor);
    n.put("statement_descriptor_suffix", statementDescriptorSuffix);
    n.put("status", status);
    n.putNull("transfer_data");
    n.put("transfer_group", transferGroup);
    return n;
  }

  /** Account prefix ("TALLY") and the charge's suffix, as card networks would print it. */
  private String calculatedStatementDescriptor() {
    String suffix =
        statementDescriptorSuffix != null ? statementDescriptorSuffix : statementDescriptor;
    String full = suffix == null ? "TALLY" : "TALLY* " + suffix;
    return full.length() > 22 ? full.substring(0, 22) : full;
  }
}
