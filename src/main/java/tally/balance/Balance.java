package tally.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * {@code GET /v1/balance}: the ledger's net amounts per currency, available and pending. Every list
 * names each currency seen (USD when none), in alphabetical order.
 */
@ApiResource("balance")
public record Balance(
    boolean livemode,
    @Field(rendered = false) Map<String, Long> available,
    @Field(rendered = false) Map<String, Long> pending)
    implements ApiObject {

  public record Funds(long amount, String currency, SourceTypes sourceTypes) {}

  public record SourceTypes(long card) {}

  public record Amount(long amount, String currency) {}

  public record Prefunding(List<Amount> available, List<Amount> pending) {}

  @Field(name = "available")
  List<Funds> availableFunds() {
    return funds(available);
  }

  @Field(name = "pending")
  List<Funds> pendingFunds() {
    return funds(pending);
  }

  @Field
  List<Amount> connectReserved() {
    return zeros();
  }

  @Field
  Prefunding refundAndDisputePrefunding() {
    return new Prefunding(zeros(), zeros());
  }

  private TreeSet<String> currencies() {
    TreeSet<String> currencies = new TreeSet<>(available.keySet());
    currencies.addAll(pending.keySet());
    if (currencies.isEmpty()) {
      currencies.add("usd");
    }
    return currencies;
  }

  private List<Funds> funds(Map<String, Long> amounts) {
    List<Funds> out = new ArrayList<>();
    for (String c : currencies()) {
      long amount = amounts.getOrDefault(c, 0L);
      out.add(new Funds(amount, c, new SourceTypes(amount)));
    }
    return out;
  }

  private List<Amount> zeros() {
    return currencies().stream().map(c -> new Amount(0, c)).toList();
  }
}
