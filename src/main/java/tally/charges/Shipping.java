package tally.charges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.Params;
import tally.core.Json;

/** The {@code shipping} hash: {@code name} and {@code address} required, the rest optional. */
final class Shipping {
  private Shipping() {}

  static JsonNode read(Params p) {
    Params s = p.hash("shipping");
    if (s == null) {
      return null;
    }
    ObjectNode out = Json.object();
    Params a = s.hash("address");
    if (a == null) {
      s.requiredString("address");
    }
    ObjectNode address = out.putObject("address");
    for (String f : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
      address.put(f, a == null ? null : a.string(f));
    }
    out.put("carrier", s.string("carrier"));
    out.put("name", s.requiredString("name"));
    out.put("phone", s.string("phone"));
    out.put("tracking_number", s.string("tracking_number"));
    return out;
  }
}
