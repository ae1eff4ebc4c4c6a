package tally.credits;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A grant of billing credits to a customer; its state follows from its timestamps. {@code
 * remaining} is what invoices have not spent; {@code closed} is set once the unused remainder has
 * been debited (expired or voided).
 */
@ApiResource(
    value = "billing.credit_grant",
    nulls = {"customer_account"})
public record CreditGrant(
    String id,
    long created,
    long updated,
    String customer,
    @Field(rendered = false) String currency,
    @Field(rendered = false) long value,
    @Field(rendered = false) String priceType,
    @Field(rendered = false) JsonNode prices,
    String category,
    long effectiveAt,
    Long expiresAt,
    String name,
    int priority,
    Map<String, String> metadata,
    Long voidedAt,
    @Field(rendered = false) boolean closed,
    @Field(rendered = false) long remaining,
    String testClock)
    implements ApiObject {

  /** A monetary amount, as grants, balances and transactions show it. */
  public record Amount(Monetary monetary, String type) {
    static Amount of(String currency, long value) {
      return new Amount(new Monetary(currency, value), "monetary");
    }
  }

  public record Monetary(String currency, long value) {}

  public record ApplicabilityConfig(PriceScope scope) {}

  /** Either {@code price_type} or {@code prices}; the other is left out. */
  public record PriceScope(
      @Field(omitNull = true) String priceType, @Field(omitNull = true) JsonNode prices) {}

  /** Usable at {@code now}: effective, not voided, not expired. */
  public boolean usableAt(long now) {
    return effectiveAt <= now
        && voidedAt == null
        && (expiresAt == null || expiresAt > now)
        && !closed;
  }

  @Field
  Amount amount() {
    return Amount.of(currency, value);
  }

  @Field
  ApplicabilityConfig applicabilityConfig() {
    return new ApplicabilityConfig(
        new PriceScope(priceType, prices == null || prices.isNull() ? null : prices));
  }

  @Field
  boolean livemode() {
    return false;
  }
}
