package tally.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.core.ObjectSchema;
import tally.core.Rendered;

/**
 * Anything a handler returns: it renders itself as the Stripe JSON object. A declared record
 * ({@link tally.core.ApiResource}) renders from its declaration; others override {@link #toJson}.
 */
public interface ApiObject extends Rendered {
  @Override
  default ObjectNode toJson() {
    return ObjectSchema.of(getClass()).render(this);
  }

  /** An object rendered by {@code json} when it is sent (summaries, health, list wrappers). */
  static ApiObject of(java.util.function.Supplier<ObjectNode> json) {
    return new ApiObject() {
      @Override
      public ObjectNode toJson() {
        return json.get();
      }
    };
  }
}
