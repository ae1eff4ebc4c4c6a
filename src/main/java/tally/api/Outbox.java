package tally.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where features record events: the row is written through the request's own transaction, so an
 * event exists exactly when the change it describes was committed (Kill Bill's outbox).
 */
@FunctionalInterface
public interface Outbox {
  void emit(Ctx ctx, String type, ApiObject object, ObjectNode previousAttributes);

  /** For contexts that must not record events. */
  Outbox NONE = (ctx, type, object, previous) -> {};
}
