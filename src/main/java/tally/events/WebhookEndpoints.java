package tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tally.api.ApiVersions;
import tally.api.Ctx;
import tally.api.Echo;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Ids;
import tally.core.Json;
import tally.store.Sql;
import tally.store.Table;

/** {@code /v1/webhook_endpoints}: where events are delivered, and which ones. */
public final class WebhookEndpoints {
  static final Table<WebhookEndpoint> TABLE = Table.of("webhook_endpoints", WebhookEndpoint.class);

  record Fields(
      String url,
      List<String> enabledEvents,
      Patch<String> description,
      Metadata metadata,
      String apiVersion,
      Boolean disabled) {
    static Fields decodeCreate(Params p, Set<String> eventTypes) {
      Fields f = read(p, true, eventTypes);
      if (f.url() == null) {
        p.fail(Errors.missing("url"));
      }
      if (f.enabledEvents() == null) {
        p.fail(Errors.missing("enabled_events"));
      }
      return f;
    }

    static Fields decodeUpdate(Params p, Set<String> eventTypes) {
      return read(p, false, eventTypes);
    }

    private static Fields read(Params p, boolean create, Set<String> eventTypes) {
      String url = p.string("url");
      if (url != null && !validUrl(url)) {
        p.fail(Errors.invalid("url", "Invalid URL: " + url + " must be an http or https URL."));
      }
      List<String> events = p.stringList("enabled_events");
      if (events != null) {
        for (int i = 0; i < events.size(); i++) {
          String e = events.get(i);
          if (!e.equals("*") && !eventTypes.contains(e)) {
            p.fail(
                Errors.invalid(
                    "enabled_events[" + i + "]",
                    "Invalid enabled_events[" + i + "]: unknown event type " + e + "."));
          }
        }
      }
      p.bool("connect");
      String apiVersion = create ? p.string("api_version") : null;
      if (apiVersion != null && !ApiVersions.isKnown(apiVersion)) {
        p.fail(
            Errors.invalid(
                "api_version", "Invalid Stripe API version: " + Echo.bounded(apiVersion) + "."));
      }
      return new Fields(
          url,
          events,
          p.stringPatch("description"),
          Metadata.read(p),
          apiVersion,
          create ? null : p.bool("disabled"));
    }

    private static boolean validUrl(String url) {
      try {
        URI uri = URI.create(url);
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  WebhookEndpoint create(Ctx ctx, Fields f) {
    return TABLE.insert(
        ctx,
        new WebhookEndpoint(
            Ids.newId("we_"),
            ctx.now(),
            f.url(),
            f.description().applyTo(null),
            f.enabledEvents(),
            "whsec_" + Ids.random(32),
            WebhookStatus.ENABLED,
            f.apiVersion(),
            f.metadata().applyTo(Map.of()),
            false,
            true));
  }

  WebhookEndpoint retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).filter(e -> !e.deleted()).orElseThrow(() -> noSuch(id));
  }

  private static RuntimeException noSuch(String id) {
    return Errors.noSuch("webhook endpoint", id, "webhook_endpoint");
  }

  /**
   * Changes what was sent, under the row lock (the metadata merge reads the current row); a switch
   * of {@code disabled} moves the status in the same statement.
   */
  WebhookEndpoint update(Ctx ctx, String id, Fields f) {
    WebhookEndpoint e =
        TABLE
            .findForUpdate(ctx, id)
            .filter(found -> !found.deleted())
            .orElseThrow(() -> noSuch(id));
    Map<String, Object> changes = new HashMap<>();
    if (f.url() != null) {
      changes.put("url", f.url());
    }
    changes.put("description", f.description().applyTo(e.description()));
    if (f.enabledEvents() != null) {
      changes.put("enabled_events", f.enabledEvents());
    }
    changes.put("metadata", f.metadata().applyTo(e.metadata()));
    WebhookStatus to =
        f.disabled() == null
            ? e.status()
            : f.disabled() ? WebhookStatus.DISABLED : WebhookStatus.ENABLED;
    return (to == e.status()
            ? TABLE.set(ctx, id, changes)
            : TABLE.transition(ctx, id, e.status(), to, changes))
        .orElseThrow(() -> noSuch(id));
  }

  WebhookEndpoint delete(Ctx ctx, String id) {
    return TABLE
        .setWhere(ctx, id, Map.of("deleted", false), Map.of("deleted", true))
        .orElseThrow(() -> noSuch(id));
  }

  ListPage list(Ctx ctx, ListParams page) {
    return new ListQuery<>(TABLE.name(), "webhook endpoint", ctx.accountId(), TABLE.mapper())
        .where("deleted = :no", Map.of("no", false))
        .page(ctx.db(), page, "/v1/webhook_endpoints");
  }

  /** The enabled endpoints of the account that subscribe to {@code type}. */
  List<String> subscribedTo(Ctx ctx, String type) {
    List<String> ids = new ArrayList<>();
    // Most accounts have no endpoint: ids and patterns only, not whole rows mapped per event.
    Sql.list(
            ctx.db(),
            "SELECT id, enabled_events FROM webhook_endpoints WHERE account_id = ? AND status ="
                + " 'enabled' AND deleted = FALSE",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            ctx.accountId())
        .forEach(e -> {
          for (JsonNode pattern : Json.tree(e.getValue())) {
            if (EventTypes.matches(pattern.asText(), type)) {
              ids.add(e.getKey());
              return;
            }
          }
        });
    return ids;
  }
}
