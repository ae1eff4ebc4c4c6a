package tally.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;
import tally.core.ObjectSchema;

/** A customer; renders every field of Stripe's customer object, or the deleted stub. */
@ApiResource(
    value = "customer",
    nulls = {"discount"})
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
    long nextInvoiceSequence,
    String taxExempt,
    List<String> preferredLocales,
    JsonNode address,
    JsonNode shipping,
    Map<String, String> metadata,
    @Field(rendered = false) String defaultPaymentMethod,
    String testClock,
    @Field(rendered = false) boolean deleted)
    implements ApiObject {

  /** Invoice settings: Tally keeps the default PaymentMethod; the rest is null. */
  record InvoiceSettings(
      JsonNode customFields,
      String defaultPaymentMethod,
      String footer,
      JsonNode renderingOptions) {}

  @Field
  InvoiceSettings invoiceSettings() {
    return new InvoiceSettings(null, defaultPaymentMethod, null, null);
  }

  @Field
  boolean delinquent() {
    return false;
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Override
  public ObjectNode toJson() {
    if (deleted) {
      return Json.object().put("id", id).put("object", "customer").put("deleted", true);
    }
    return ObjectSchema.of(Customer.class).render(this);
  }
}
