package tally.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anything a handler returns: it renders itself as the Stripe JSON object. */
public interface ApiObject {
  ObjectNode toJson();
}
