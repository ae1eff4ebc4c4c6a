package tally.balance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import tally.api.ApiObject;
import tally.core.Json;

/** {@code GET /v1/balance}: the ledger's net amounts per currency, available and pending. */
public record Balance(boolean livemode, Map<String, Long> available, Map<String, Long> pending)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("object", "balance");
    TreeMap<String, Long> currencies = new TreeMap<>();
    available.keySet().forEach(c -> currencies.put(c, 0L));
    pending.keySet().forEach(c -> currencies.put(c, 0L));
    if (currencies.isEmpty()) {
      currencies.put("usd", 0L);
    }
    n.set("available", funds(currencies, available, true));
    ArrayNode reserved = n.putArray("connect_reserved");
    currencies.keySet().forEach(c -> reserved.addObject().put("amount", 0).put("currency", c));
    n.put("livemode", livemode);
    n.set("pending", funds(currencies, pending, true));
    ObjectNode prefunding = n.putObject("refund_and_dispute_prefunding");
    prefunding.set("available", funds(currencies, Map.of(), false));
    prefunding.set("pending", funds(currencies, Map.of(), false));
    return n;
  }

  private static ArrayNode funds(
      Map<String, Long> currencies, Map<String, Long> amounts, boolean split) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (String c : currencies.keySet()) {
      long amount = amounts.getOrDefault(c, 0L);
      ObjectNode entry = out.addObject();
      entry.put("amount", amount);
      entry.put("currency", c);
      if (split) {
        entry.putObject("source_types").put("card", amount);
      }
    }
    return out;
  }
}
