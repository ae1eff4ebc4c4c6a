package tally.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Metadata;
import tally.api.Params;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.store.Table;

/** Portal configurations; each account gets a default one on first use, as Stripe test mode has. */
public final class PortalConfigurations {
  static final Table<PortalConfiguration> TABLE =
      Table.of("portal_configurations", PortalConfiguration.class);

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

    /**
     * Sets in {@code into} the fields {@code sent} named, as {@code read} holds them: an update
     * changes only what it sends, at every depth (a sent list replaces the whole list).
     */
    private static void mergeSent(ObjectNode into, ObjectNode read, Params sent) {
      read.properties()
          .forEach(e -> {
            String name = e.getKey();
            if (!sent.has(name)) {
              return;
            }
            Params nested = e.getValue().isObject() ? sent.hash(name) : null;
            if (nested != null && into.get(name) instanceof ObjectNode target) {
              mergeSent(target, (ObjectNode) e.getValue(), nested);
            } else {
              into.set(name, e.getValue());
            }
          });
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
              mergeSent(
                  (ObjectNode) next.get("features"),
                  (ObjectNode) scratch.get("features"),
                  features);
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

  private final Prices prices;

  PortalConfigurations(Prices prices) {
    this.prices = prices;
  }

  PortalConfiguration create(Ctx ctx, Change change) {
    ObjectNode settings = change.apply().apply(defaults());
    checkProducts(ctx, settings);
    return insert(ctx, settings, false);
  }

  /** Each offered price exists and is a recurring price of the product it is listed under. */
  private void checkProducts(Ctx ctx, ObjectNode settings) {
    var products = settings.path("features").path("subscription_update").path("products");
    for (int i = 0; i < products.size(); i++) {
      String product = products.get(i).path("product").asText();
      var listed = products.get(i).path("prices");
      for (int j = 0; j < listed.size(); j++) {
        String param = "features[subscription_update][products][" + i + "][prices][" + j + "]";
        String id = listed.get(j).asText();
        Price price = prices.find(ctx, id).orElseThrow(() -> Errors.noSuch("price", id, param));
        if (!price.product().equals(product)) {
          throw Errors.invalid(
              param, "The price " + id + " does not belong to the product " + product + ".");
        }
        if (!price.recurringPrice()) {
          throw Errors.invalid(
              param, "The price " + id + " is not recurring, so no subscription can switch to it.");
        }
      }
    }
  }

  private PortalConfiguration insert(Ctx ctx, ObjectNode settings, boolean isDefault) {
    PortalConfiguration created =
        TABLE.insert(
            ctx,
            new PortalConfiguration(
                Ids.newId("bpc_"), ctx.now(), ctx.now(), true, isDefault, settings));
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
            .map(TABLE.mapper())
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
    return TABLE.find(ctx, id);
  }

  PortalConfiguration retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("configuration", id, "configuration"));
  }

  /** Applies {@code change} to the settings under the row lock. */
  PortalConfiguration update(Ctx ctx, String id, Change change) {
    var updated =
        TABLE
            .update(
                ctx,
                id,
                locked -> {
                  if (Boolean.FALSE.equals(change.active()) && locked.isDefault()) {
                    throw Errors.invalid(
                        "active", "The default configuration cannot be deactivated.");
                  }
                  Map<String, Object> changes = new LinkedHashMap<>();
                  ObjectNode settings = change.apply().apply(locked.settings());
                  checkProducts(ctx, settings);
                  changes.put("settings", settings);
                  if (change.active() != null) {
                    changes.put("active", change.active());
                  }
                  changes.put("updated", ctx.now());
                  return changes;
                })
            .orElseThrow(() -> Errors.noSuch("configuration", id, "configuration"));
    return ctx.emitUpdate("billing_portal.configuration.updated", updated);
  }

  ListPage list(Ctx ctx, ListFilter f) {
    defaultFor(ctx);
    return new ListQuery<>(TABLE.name(), "configuration", ctx.accountId(), TABLE.mapper())
        .whereEquals("active", f.active())
        .whereEquals("is_default", f.isDefault())
        .page(ctx.db(), f.page(), "/v1/billing_portal/configurations");
  }
}
