package tally.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Metadata;
import tally.api.Params;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.store.Rows;

/** Portal configurations; each account gets a default one on first use, as Stripe test mode has. */
public final class PortalConfigurations {
  static final RowMapper<PortalConfiguration> MAPPER =
      (rs, c) ->
          new PortalConfiguration(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getLong("updated"),
              rs.getBoolean("active"),
              rs.getBoolean("is_default"),
              (ObjectNode) Json.tree(rs.getString("settings")));

  /** Create and update params: a function that changes the stored settings. */
  record Change(java.util.function.UnaryOperator<ObjectNode> apply, Boolean active) {
    static Change decodeCreate(Params p) {
      if (!p.has("features")) {
        p.fail(Errors.missing("features"));
      }
      return read(p, true);
    }

    static Change decodeUpdate(Params p) {
      return read(p, false);
    }

    private static Change read(Params p, boolean create) {
      ObjectNode scratch = defaults();
      Params features = p.hash("features");
      if (features != null) {
        PortalFeatures.read(features, (ObjectNode) scratch.get("features"), create);
      }
      Params profile = p.hash("business_profile");
      Map<String, tally.api.Patch<String>> profileFields = new java.util.LinkedHashMap<>();
      if (profile != null) {
        for (String f : new String[] {"headline", "privacy_policy_url", "terms_of_service_url"}) {
          profileFields.put(f, profile.stringPatch(f));
        }
      }
      tally.api.Patch<String> returnUrl = p.stringPatch("default_return_url");
      Params login = p.hash("login_page");
      Boolean loginEnabled = login == null ? null : login.bool("enabled");
      Metadata metadata = Metadata.read(p);
      tally.api.Patch<String> name = p.stringPatch("name");
      Boolean active = create ? null : p.bool("active");
      return new Change(
          current -> {
            ObjectNode next = current.deepCopy();
            if (features != null) {
              ObjectNode merged = (ObjectNode) next.get("features");
              scratch
                  .get("features")
                  .properties()
                  .forEach(e -> {
                    if (features.has(e.getKey())) {
                      merged.set(e.getKey(), e.getValue());
                    }
                  });
            }
            ObjectNode bp = (ObjectNode) next.get("business_profile");
            profileFields.forEach((f, patch) -> bp.put(f, patch.applyTo(bp.path(f).textValue())));
            next.put(
                "default_return_url",
                returnUrl.applyTo(next.path("default_return_url").textValue()));
            if (loginEnabled != null) {
              ((ObjectNode) next.get("login_page")).put("enabled", loginEnabled);
            }
            Map<String, String> md =
                metadata.applyTo(Json.stringMap(Json.write(next.get("metadata"))));
            next.set("metadata", Json.MAPPER.valueToTree(md));
            next.put("name", name.applyTo(next.path("name").textValue()));
            return next;
          },
          active);
    }
  }

  record ListFilter(ListParams page, Boolean active, Boolean isDefault) {
    static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.bool("active"), p.bool("is_default"));
    }
  }

  static ObjectNode defaults() {
    ObjectNode s = Json.object();
    ObjectNode bp = s.putObject("business_profile");
    bp.putNull("headline");
    bp.putNull("privacy_policy_url");
    bp.putNull("terms_of_service_url");
    s.putNull("default_return_url");
    s.set("features", PortalFeatures.defaults());
    ObjectNode login = s.putObject("login_page");
    login.put("enabled", false);
    login.putNull("url");
    s.putObject("metadata");
    s.putNull("name");
    return s;
  }

  PortalConfiguration create(Ctx ctx, Change change) {
    return insert(ctx, change.apply().apply(defaults()), false);
  }

  private PortalConfiguration insert(Ctx ctx, ObjectNode settings, boolean isDefault) {
    String id = Ids.newId("bpc_");
    ctx.db()
        .createUpdate(
            "INSERT INTO portal_configurations (account_id, id, seq, created, updated, active,"
                + " is_default, settings) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .bind(2, Sequence.next())
        .bind(3, ctx.now())
        .bind(4, ctx.now())
        .bind(5, isDefault)
        .bind(6, Json.write(settings))
        .execute();
    PortalConfiguration created = retrieve(ctx, id);
    ctx.emit("billing_portal.configuration.created", created);
    return created;
  }

  /** The account's default configuration, created on first use. */
  PortalConfiguration defaultFor(Ctx ctx) {
    Optional<PortalConfiguration> existing =
        ctx.db()
            .createQuery(
                "SELECT * FROM portal_configurations WHERE account_id = ? AND is_default = TRUE")
            .bind(0, ctx.accountId())
            .map(MAPPER)
            .findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    ObjectNode settings = defaults();
    ObjectNode features = (ObjectNode) settings.get("features");
    ((ObjectNode) features.get("invoice_history")).put("enabled", true);
    ((ObjectNode) features.get("payment_method_update")).put("enabled", true);
    ObjectNode cu = (ObjectNode) features.get("customer_update");
    cu.put("enabled", true);
    cu.set(
        "allowed_updates",
        Json.MAPPER.valueToTree(java.util.List.of("email", "address", "name", "phone")));
    return insert(ctx, settings, true);
  }

  Optional<PortalConfiguration> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "portal_configurations", ctx.accountId(), id, MAPPER);
  }

  PortalConfiguration retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("configuration", id, "configuration"));
  }

  PortalConfiguration update(Ctx ctx, String id, Change change) {
    PortalConfiguration before = retrieve(ctx, id);
    if (Boolean.FALSE.equals(change.active()) && before.isDefault()) {
      throw Errors.invalid("active", "The default configuration cannot be deactivated.");
    }
    ctx.db()
        .createUpdate(
            "UPDATE portal_configurations SET settings = :settings, active = :active, updated = :now"
                + " WHERE account_id = :a AND id = :id")
        .bind("settings", Json.write(change.apply().apply(before.settings())))
        .bind("active", change.active() == null ? before.active() : change.active())
        .bind("now", ctx.now())
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    PortalConfiguration after = retrieve(ctx, id);
    ctx.emitUpdate("billing_portal.configuration.updated", after, Changes.previous(before, after));
    return after;
  }

  ListPage list(Ctx ctx, ListFilter f) {
    defaultFor(ctx);
    return new ListQuery<>("portal_configurations", "configuration", ctx.accountId(), MAPPER)
        .whereEquals("active", f.active())
        .whereEquals("is_default", f.isDefault())
        .page(ctx.db(), f.page(), "/v1/billing_portal/configurations");
  }
}
