package tally.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A file a hosted page serves (an invoice PDF), sent as its bytes rather than as JSON. */
public record FileDownload(String contentType, byte[] bytes) implements ApiObject {
  @Override
  public ObjectNode toJson() {
    return Json.object().put("object", "file").put("size", bytes.length);
  }
}
