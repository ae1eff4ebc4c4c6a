package tally.credits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Money;

/** Params of the credit grant, summary and transaction endpoints. */
final class CreditParams {
  private CreditParams() {}

  /** {@code price_type=metered} or a list of price ids (at most 20), never both. */
  record Scope(String priceType, List<String> prices) {
    static Scope read(Params scope, String at) {
      String priceType = scope.oneOf("price_type", List.of("metered"));
      List<String> prices = null;
      List<Object> raw = scope.list("prices");
      if (raw != null) {
        prices = new ArrayList<>();
        for (Object item : raw) {
          if (item instanceof Map<?, ?> m && m.get("id") instanceof String id) {
            prices.add(id);
          } else {
            scope.fail(Errors.invalid(at + "[prices]", "Each price needs an id."));
          }
        }
        if (prices.size() > 20) {
          scope.fail(Errors.invalid(at + "[prices]", "A scope can list at most 20 prices."));
        }
      }
      if (priceType != null && prices != null) {
        scope.fail(
            Errors.invalid(at, "You can specify only one of price_type and prices in a scope."));
      }
      if (priceType == null && prices == null) {
        scope.fail(Errors.invalid(at, "A scope needs either price_type or prices."));
      }
      return new Scope(priceType, prices);
    }
  }

  record Create(
      String customer,
      String currency,
      long value,
      Scope scope,
      String category,
      Long effectiveAt,
      Long expiresAt,
      String name,
      int priority,
      Map<String, String> metadata) {
    static Create decode(Params p) {
      Params amount = p.hash("amount");
      String currency = null;
      long value = 0;
      if (amount == null) {
        p.fail(Errors.missing("amount"));
      } else {
        amount.requiredString("type");
        amount.oneOf("type", List.of("monetary"));
        Params monetary = amount.hash("monetary");
        if (monetary == null) {
          p.fail(Errors.missing("amount[monetary]"));
        } else {
          currency = monetary.requiredString("currency");
          if (currency != null && !Money.isSupported(currency.toLowerCase(java.util.Locale.ROOT))) {
            p.fail(Errors.invalid("amount[monetary][currency]", "Invalid currency: " + currency));
          }
          Long v = monetary.positiveInteger("value", true);
          value = v == null ? 0 : v;
        }
      }
      Params config = p.hash("applicability_config");
      Scope scope = null;
      if (config == null) {
        p.fail(Errors.missing("applicability_config"));
      } else {
        Params s = config.hash("scope");
        if (s == null) {
          p.fail(Errors.missing("applicability_config[scope]"));
        } else {
          scope = Scope.read(s, "applicability_config[scope]");
        }
      }
      String customer = p.requiredString("customer");
      p.raw("customer_account");
      String category = p.oneOf("category", List.of("paid", "promotional"));
      Long effectiveAt = p.integer("effective_at");
      Long expiresAt = p.integer("expires_at");
      if (effectiveAt != null && expiresAt != null && expiresAt <= effectiveAt) {
        p.fail(Errors.invalid("expires_at", "expires_at must be after effective_at."));
      }
      String name = p.string("name", 100);
      Long priority = p.integer("priority");
      if (priority != null && (priority < 0 || priority > 100)) {
        p.fail(Errors.invalid("priority", "priority must be between 0 and 100."));
      }
      return new Create(
          customer,
          currency == null ? null : currency.toLowerCase(java.util.Locale.ROOT),
          value,
          scope,
          category == null ? "paid" : category,
          effectiveAt,
          expiresAt,
          name,
          priority == null ? 50 : priority.intValue(),
          Metadata.read(p).applyTo(Map.of()));
    }
  }

  record Update(Patch<Long> expiresAt, Metadata metadata) {
    static Update decode(Params p) {
      Patch<Long> expires;
      if (p.isEmpty("expires_at")) {
        p.raw("expires_at");
        expires = new Patch.Clear<>();
      } else {
        Long at = p.integer("expires_at");
        expires = at == null ? Patch.absent() : new Patch.Set<>(at);
      }
      return new Update(expires, Metadata.read(p));
    }
  }

  record ListFilter(ListParams page, String customer) {
    static ListFilter decode(Params p) {
      ListFilter f = new ListFilter(ListParams.read(p), p.string("customer"));
      p.raw("customer_account");
      return f;
    }
  }

  record TransactionFilter(ListParams page, String customer, String creditGrant) {
    static TransactionFilter decode(Params p) {
      TransactionFilter f =
          new TransactionFilter(
              ListParams.read(p), p.requiredString("customer"), p.string("credit_grant"));
      p.raw("customer_account");
      return f;
    }
  }

  record Summary(String customer, String type, String creditGrant, Scope scope) {
    static Summary decode(Params p) {
      String customer = p.requiredString("customer");
      p.raw("customer_account");
      Params filter = p.hash("filter");
      if (filter == null) {
        p.fail(Errors.missing("filter"));
        return new Summary(customer, null, null, null);
      }
      String type = filter.requiredString("type");
      type =
          type == null
              ? null
              : filter.oneOf("type", List.of("applicability_scope", "credit_grant"));
      String grant = filter.string("credit_grant");
      Scope scope = null;
      Params s = filter.hash("applicability_scope");
      if ("credit_grant".equals(type) && grant == null) {
        p.fail(Errors.missing("filter[credit_grant]"));
      }
      if ("applicability_scope".equals(type)) {
        if (s == null) {
          p.fail(Errors.missing("filter[applicability_scope]"));
        } else {
          scope = Scope.read(s, "filter[applicability_scope]");
        }
      }
      return new Summary(customer, type, grant, scope);
    }
  }
}
