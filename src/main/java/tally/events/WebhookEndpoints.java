package tally.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;

/** {@code /v1/webhook_endpoints}: where events are delivered, and which ones. */
public final class WebhookEndpoints {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  static final RowMapper<WebhookEndpoint> MAPPER =
      (rs, c) -> {
        try {
          return new WebhookEndpoint(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("url"),
              rs.getString("description"),
              Json.MAPPER.readValue(rs.getString("enabled_events"), STRINGS),
              rs.getString("secret"),
              rs.getString("status"),
              rs.getString("api_version"),
              Json.stringMap(rs.getString("metadata")),
              rs.getBoolean("deleted"),
              false);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      };

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
      return new Fields(
          url,
          events,
          p.stringPatch("description"),
          Metadata.read(p),
          create ? p.string("api_version") : null,
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
    String id = Ids.newId("we_");
    ctx.db()
        .createUpdate(
            "INSERT INTO webhook_endpoints (account_id, id, seq, created, url, description,"
                + " enabled_events, secret, status, api_version, metadata, deleted) VALUES (:a,"
                + " :id, :seq, :now, :url, :description, :events, :secret, 'enabled', :version,"
                + " :metadata, FALSE)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("url", f.url())
        .bind("description", f.description().applyTo(null))
        .bind("events", Json.write(f.enabledEvents()))
        .bind("secret", "whsec_" + Ids.random(32))
        .bind("version", f.apiVersion())
        .bind("metadata", Json.write(f.metadata().applyTo(Map.of())))
        .execute();
    return retrieve(ctx, id).revealingSecret();
  }

  WebhookEndpoint retrieve(Ctx ctx, String id) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM webhook_endpoints WHERE account_id = ? AND id = ? AND deleted = FALSE")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(MAPPER)
        .findOne()
        .orElseThrow(() -> Errors.noSuch("webhook endpoint", id, "webhook_endpoint"));
  }

  WebhookEndpoint update(Ctx ctx, String id, Fields f) {
    WebhookEndpoint e = retrieve(ctx, id);
    ctx.db()
        .createUpdate(
            "UPDATE webhook_endpoints SET url = :url, description = :description, enabled_events ="
                + " :events, status = :status, metadata = :metadata WHERE account_id = :a AND id ="
                + " :id")
        .bind("url", f.url() == null ? e.url() : f.url())
        .bind("description", f.description().applyTo(e.description()))
        .bind(
            "events", Json.write(f.enabledEvents() == null ? e.enabledEvents() : f.enabledEvents()))
        .bind("status", f.disabled() == null ? e.status() : f.disabled() ? "disabled" : "enabled")
        .bind("metadata", Json.write(f.metadata().applyTo(e.metadata())))
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    return retrieve(ctx, id);
  }

  WebhookEndpoint delete(Ctx ctx, String id) {
    retrieve(ctx, id);
    ctx.db()
        .createUpdate("UPDATE webhook_endpoints SET deleted = TRUE WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .execute();
    WebhookEndpoint e =
        ctx.db()
            .createQuery("SELECT * FROM webhook_endpoints WHERE account_id = ? AND id = ?")
            .bind(0, ctx.accountId())
            .bind(1, id)
            .map(MAPPER)
            .one();
    return e;
  }

  ListPage list(Ctx ctx, ListParams page) {
    return new ListQuery<>("webhook_endpoints", "webhook endpoint", ctx.accountId(), MAPPER)
        .where("deleted = :no", Map.of("no", false))
        .page(ctx.db(), page, "/v1/webhook_endpoints");
  }

  /** The enabled endpoints of the account that subscribe to {@code type}. */
  List<String> subscribedTo(Ctx ctx, String type) {
    List<String> ids = new ArrayList<>();
    ctx.db()
        .createQuery(
            "SELECT * FROM webhook_endpoints WHERE account_id = ? AND status = 'enabled' AND"
                + " deleted = FALSE")
        .bind(0, ctx.accountId())
        .map(MAPPER)
        .forEach(e -> {
          if (e.enabledEvents().stream().anyMatch(pattern -> EventTypes.matches(pattern, type))) {
            ids.add(e.id());
          }
        });
    return ids;
  }
}
