package tally.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A customer; renders every field of Stripe's customer object, or the deleted stub. */
public record Customer(
    String id,
    long created,
    String email,
    String name,
    String phone,
    String description,
    long balance,
    String currency,
    String defaultSource,
    String invoicePrefix,
    String taxExempt,
    List<String> preferredLocales,
    JsonNode address,
    JsonNode shipping,
    Map<String, String> metadata,
    boolean deleted)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "customer");
    if (deleted) {
      n.put("deleted", true);
      return n;
    }
    n.set("address", address == null ? null : address.deepCopy());
    n.put("balance", balance);
    n.put("created", created);
    n.put("currency", currency);
    n.put("default_source", defaultSource);
    n.put("delinquent", false);
    n.put("description", description);
    n.putNull("discount");
    n.put("email", email);
    n.put("invoice_prefix", invoicePrefix);
    ObjectNode invoice = n.putObject("invoice_settings");
    invoice.putNull("custom_fields");
    invoice.putNull("default_payment_method");
    invoice.putNull("footer");
    invoice.putNull("rendering_options");
    n.put("livemode", false);
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.put("name", name);
    n.put("next_invoice_sequence", 1);
    n.put("phone", phone);
    n.set("preferred_locales", Json.MAPPER.valueToTree(preferredLocales));
    n.set("shipping", shipping == null ? null : shipping.deepCopy());
    n.put("tax_exempt", taxExempt);
    n.putNull("test_clock");
    return n;
  }
}
