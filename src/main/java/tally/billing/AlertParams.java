package tally.billing;

import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Params;

/** Params of the alert endpoints. */
final class AlertParams {
  private AlertParams() {}

  record Create(String title, long gte, String meter, String customer) {
    static Create decode(Params p) {
      String title = p.requiredString("title");
      if (title != null && title.length() > 256) {
        p.fail(Errors.invalid("title", "Invalid title: must be at most 256 characters"));
      }
      p.requiredString("alert_type");
      p.oneOf("alert_type", List.of("usage_threshold"));
      Params threshold = p.hash("usage_threshold");
      if (threshold == null) {
        p.fail(Errors.missing("usage_threshold"));
        return new Create(title, 0, null, null);
      }
      Long gte = threshold.positiveInteger("gte", true);
      String meter = threshold.requiredString("meter");
      threshold.requiredString("recurrence");
      threshold.oneOf("recurrence", List.of("one_time"));
      String customer = null;
      List<Object> filters = threshold.list("filters");
      if (filters != null && filters.size() > 1) {
        p.fail(
            Errors.invalid(
                "usage_threshold[filters]", "You can specify at most one filter per alert."));
      }
      if (filters != null && filters.size() == 1) {
        if (filters.getFirst() instanceof java.util.Map<?, ?> f) {
          Object type = f.get("type");
          Object c = f.get("customer");
          if (!"customer".equals(type)) {
            p.fail(
                Errors.invalid(
                    "usage_threshold[filters][0][type]",
                    "Invalid usage_threshold[filters][0][type]: must be one of customer"));
          } else if (!(c instanceof String cs) || cs.isEmpty()) {
            p.fail(Errors.missing("usage_threshold[filters][0][customer]"));
          } else {
            customer = cs;
          }
          for (Object key : f.keySet()) {
            if (!"type".equals(key) && !"customer".equals(key)) {
              p.fail(Errors.unknownParameter("usage_threshold[filters][0][" + key + "]"));
            }
          }
        } else {
          p.fail(Errors.invalid("usage_threshold[filters][0]", "Invalid hash"));
        }
      }
      return new Create(title, gte == null ? 0 : gte, meter, customer);
    }
  }

  record ListFilter(ListParams page, String alertType, String meter) {
    static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p), p.oneOf("alert_type", List.of("usage_threshold")), p.string("meter"));
    }
  }
}
