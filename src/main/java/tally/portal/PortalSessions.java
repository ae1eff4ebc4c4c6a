package tally.portal;

import java.util.Optional;
import java.util.function.Supplier;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Params;
import tally.core.Ids;
import tally.customers.Customers;
import tally.store.Table;

/** {@code POST /v1/billing_portal/sessions}, and finding a session again from its page URL. */
public final class PortalSessions {
  static final long LIFETIME_SECONDS = 3600;
  static final Table<PortalSession> TABLE = Table.of("portal_sessions", PortalSession.class);

  private final PortalConfigurations configurations;
  private final Customers customers;
  private final Supplier<String> publicBase;
  private final PortalRules rules;

  PortalSessions(
      PortalConfigurations configurations,
      Customers customers,
      Supplier<String> publicBase,
      PortalRules rules) {
    this.configurations = configurations;
    this.customers = customers;
    this.publicBase = publicBase;
    this.rules = rules;
  }

  record Create(
      String customer, String configuration, String returnUrl, String locale, PortalFlow flow) {
    static Create decode(Params p) {
      String customer = p.requiredString("customer");
      p.raw("customer_account");
      p.raw("on_behalf_of");
      Params f = p.hash("flow_data");
      PortalFlow flow = f == null ? null : PortalFlow.decode(f);
      return new Create(
          customer, p.string("configuration"), p.string("return_url"), p.string("locale"), flow);
    }
  }

  PortalSession create(Ctx ctx, Create p) {
    customers.requireLive(ctx, p.customer(), "customer");
    PortalConfiguration config =
        p.configuration() == null
            ? configurations.defaultFor(ctx)
            : configurations.retrieve(ctx, p.configuration());
    if (!config.active()) {
      throw Errors.invalid("configuration", "The configuration " + config.id() + " is not active.");
    }
    if (p.flow() != null) {
      rules.check(ctx, config, p.customer(), p.flow());
    }
    String returnUrl =
        p.returnUrl() != null
            ? p.returnUrl()
            : config.settings().path("default_return_url").textValue();
    PortalSession session =
        TABLE
            .insert(
                ctx,
                new PortalSession(
                    Ids.newId("bps_"),
                    "test_" + Ids.random(40),
                    ctx.now(),
                    ctx.now() + LIFETIME_SECONDS,
                    p.customer(),
                    config.id(),
                    returnUrl,
                    p.locale(),
                    p.flow() == null ? null : p.flow().toJson(),
                    null))
            .at(publicBase.get());
    ctx.emit("billing_portal.session.created", session);
    return session;
  }

  /** The session behind a page URL, from any account (the token is the only credential). */
  Optional<PortalSession> byToken(Ctx ctx, String token) {
    return ctx.db()
        .createQuery("SELECT * FROM portal_sessions WHERE token = ?")
        .bind(0, token)
        .map(TABLE.mapper())
        .findOne()
        .map(s -> s.at(publicBase.get()));
  }

  /** The account a session belongs to (the page's requests act for it). */
  Optional<String> accountOf(Ctx ctx, String token) {
    return ctx.db()
        .createQuery("SELECT account_id FROM portal_sessions WHERE token = ?")
        .bind(0, token)
        .mapTo(String.class)
        .findOne();
  }
}
