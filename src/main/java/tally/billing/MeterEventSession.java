package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;
import tally.thinevents.ThinEvent;

/** A v2 meter event session: a token for the meter event stream, valid for 15 minutes. */
record MeterEventSession(String id, long created, long expiresAt, String authenticationToken)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("object", "v2.billing.meter_event_session");
    json.put("authentication_token", authenticationToken);
    json.put("created", ThinEvent.rfc3339(created * 1000));
    json.put("expires_at", ThinEvent.rfc3339(expiresAt * 1000));
    json.put("livemode", false);
    return json;
  }
}
