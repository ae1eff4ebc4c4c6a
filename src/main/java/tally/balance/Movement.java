package tally.balance;

/**
 * A movement to record: what kind, how much (signed: + in, − out), the Stripe fee and which object
 * caused it. {@code availableOn} is when the funds settle, on the test clock {@code testClock} when
 * the object belongs to a customer on one (null: the running clock).
 */
public record Movement(
    String type,
    String reportingCategory,
    long amount,
    long fee,
    String feeDescription,
    String currency,
    String description,
    String source,
    long availableOn,
    String testClock) {}
