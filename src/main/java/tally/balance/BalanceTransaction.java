package tally.balance;

import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/**
 * One money movement. {@code status} is derived from the clock: funds are pending until {@code
 * available_on} and available from then on ({@code now} is the reader's time, never stored). A
 * movement on a test clock is available once that clock was advanced past {@code available_on}
 * ({@code announced}), or at once if it settles when it is made: its time is the clock's, not the
 * reader's.
 */
@ApiResource(
    value = "balance_transaction",
    nulls = {"exchange_rate"})
public record BalanceTransaction(
    String id,
    long created,
    long availableOn,
    String type,
    String reportingCategory,
    long amount,
    long fee,
    long net,
    String currency,
    String description,
    String source,
    List<FeeDetail> feeDetails,
    @Field(rendered = false) String testClock,
    @Field(rendered = false) boolean announced,
    @Field(stored = false, rendered = false) long now)
    implements ApiObject {

  /** One part of the fee (Tally charges only Stripe's own). */
  public record FeeDetail(
      long amount, String application, String currency, String description, String type) {}

  @Field
  public String status() {
    boolean available =
        testClock == null ? availableOn <= now : announced || availableOn <= created;
    return available ? "available" : "pending";
  }

  @Field
  String balanceType() {
    return "payments";
  }

  /** This transaction as seen at {@code time}. */
  BalanceTransaction at(long time) {
    return ObjectSchema.of(BalanceTransaction.class).with(this, Map.of("now", time));
  }
}
