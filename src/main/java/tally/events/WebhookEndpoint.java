package tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/** A webhook endpoint; its signing secret is shown only in the create response. */
@ApiResource(
    value = "webhook_endpoint",
    nulls = {"application"})
public record WebhookEndpoint(
    String id,
    long created,
    String url,
    String description,
    List<String> enabledEvents,
    @Field(rendered = false) String secret,
    WebhookStatus status,
    String apiVersion,
    Map<String, String> metadata,
    @Field(rendered = false) boolean deleted,
    @Field(stored = false, rendered = false) boolean showSecret)
    implements ApiObject {

  /** What a deleted endpoint renders as. */
  @ApiResource("webhook_endpoint")
  record Deleted(String id, boolean deleted) implements ApiObject {}

  WebhookEndpoint revealingSecret() {
    return ObjectSchema.of(WebhookEndpoint.class).with(this, Map.of("show_secret", true));
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field(name = "secret", omitNull = true)
  String shownSecret() {
    return showSecret ? secret : null;
  }

  @Override
  public ObjectNode toJson() {
    return deleted
        ? new Deleted(id, true).toJson()
        : ObjectSchema.of(WebhookEndpoint.class).render(this);
  }
}
