package tally.charges;

import java.util.Locale;
import java.util.Map;
import tally.search.Search;
import tally.search.SearchField;
import tally.search.SearchQuery;

/** The fields of {@code GET /v1/charges/search}, each mapped to an indexed column. */
final class ChargeSearch {
  private ChargeSearch() {}

  static Search<Charge> engine() {
    String card = "payment_method_details.card.";
    Map<String, SearchField> fields =
        Map.ofEntries(
            Map.entry("amount", SearchField.numeric("amount")),
            Map.entry("created", SearchField.numeric("created")),
            Map.entry("currency", SearchField.token("currency")),
            Map.entry("customer", SearchField.token("customer")),
            Map.entry("disputed", SearchField.bool("disputed")),
            Map.entry("status", SearchField.token("status")),
            Map.entry("refunded", ChargeSearch::refunded),
            Map.entry(
                "billing_details.address.postal_code", SearchField.token("billing_postal_code")),
            Map.entry(card + "last4", SearchField.token("card_last4")),
            Map.entry(card + "exp_month", SearchField.token("card_exp_month")),
            Map.entry(card + "exp_year", SearchField.token("card_exp_year")),
            Map.entry(card + "brand", SearchField.token("card_brand")),
            Map.entry(card + "fingerprint", SearchField.token("card_fingerprint")),
            Map.entry("metadata[]", Search.metadata("charge_metadata", "charge_id", "charges")));
    return new Search<>(ChargeStore.TABLE.name(), "charge", fields, ChargeStore::mapper);
  }

  /** "true": fully refunded; "false": partly refunded; null: not refunded at all. */
  private static String refunded(SearchQuery.Clause c, SearchField.Binds b) {
    SearchField.only(c, java.util.List.of(":"));
    if (c.isNull()) {
      return "amount_refunded = " + b.add(0L);
    }
    return switch (c.value().toLowerCase(Locale.ROOT)) {
      case "true" -> "refunded = " + b.add(true);
      case "false" -> "refunded = " + b.add(false) + " AND amount_refunded > " + b.add(0L);
      default ->
          throw new SearchQuery.Invalid(
              "Field 'refunded' only takes the values \"true\", \"false\" and null.");
    };
  }
}
