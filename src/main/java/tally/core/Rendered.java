package tally.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anything that renders itself as a JSON object (API objects, hosted-page payloads). */
public interface Rendered {
  ObjectNode toJson();
}
