package tally.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.Params;

/**
 * {@code GET /v1/billing/meters/{id}/event_summaries}: one summary for the whole range, or one per
 * hour or UTC day (windows without events count 0), newest window first.
 */
final class MeterSummaries {
  private final Meters meters;

  MeterSummaries(Meters meters) {
    this.meters = meters;
  }

  record Query(ListParams page, String customer, long start, long end, String window) {
    static Query decode(Params p) {
      ListParams page = ListParams.read(p);
      String customer = p.requiredString("customer");
      Long start = p.requiredInteger("start_time");
      Long end = p.requiredInteger("end_time");
      String window = p.oneOf("value_grouping_window", List.of("day", "hour"));
      if (start != null && end != null) {
        long unit = "day".equals(window) ? 86_400 : "hour".equals(window) ? 3600 : 60;
        String boundary = "day".equals(window) ? "day" : "hour".equals(window) ? "hour" : "minute";
        if (start % unit != 0) {
          p.fail(
              Errors.invalid(
                  "start_time", "start_time must be aligned with " + boundary + " boundaries."));
        } else if (end % unit != 0) {
          p.fail(
              Errors.invalid(
                  "end_time", "end_time must be aligned with " + boundary + " boundaries."));
        } else if (start >= end) {
          p.fail(Errors.invalid("start_time", "start_time must be before end_time."));
        }
      }
      return new Query(page, customer, start == null ? 0 : start, end == null ? 0 : end, window);
    }
  }

  ListPage list(Ctx ctx, String meterId, Query q) {
    Meter meter = meters.retrieve(ctx, meterId);
    List<Usage.Event> events = Usage.events(ctx, meter, q.customer(), q.start(), q.end());
    long size =
        "day".equals(q.window()) ? 86_400 : "hour".equals(q.window()) ? 3600 : q.end() - q.start();
    List<MeterEventSummary> all = new ArrayList<>();
    for (long from = q.end() - size; from >= q.start(); from -= size) {
      long windowStart = from;
      List<Usage.Event> inWindow =
          events.stream()
              .filter(e -> e.time() >= windowStart && e.time() < windowStart + size)
              .toList();
      all.add(
          new MeterEventSummary(
              summaryId(meter.id(), q.customer(), from, from + size),
              meter.id(),
              from,
              from + size,
              Usage.aggregate(meter, inWindow)));
    }
    return page(all, q.page(), "/v1/billing/meters/" + meterId + "/event_summaries");
  }

  private static ListPage page(List<MeterEventSummary> all, ListParams p, String url) {
    int from = 0;
    int to = all.size();
    if (p.startingAfter() != null) {
      from = indexOf(all, p.startingAfter(), "starting_after") + 1;
    } else if (p.endingBefore() != null) {
      to = indexOf(all, p.endingBefore(), "ending_before");
      from = Math.max(0, to - p.limit());
      return new ListPage(url, List.<ApiObject>copyOf(all.subList(from, to)), from > 0);
    }
    int until = Math.min(to, from + p.limit());
    return new ListPage(url, List.<ApiObject>copyOf(all.subList(from, until)), until < to);
  }

  private static int indexOf(List<MeterEventSummary> all, String id, String param) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(id)) {
        return i;
      }
    }
    throw Errors.noSuch("meter event summary", id, param);
  }

  /** Stable per meter, customer and window, so it works as a pagination cursor. */
  private static String summaryId(String meter, String customer, long start, long end) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (meter + "|" + customer + "|" + start + "|" + end)
                      .getBytes(StandardCharsets.UTF_8));
      String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
      StringBuilder sb = new StringBuilder("mtrusg_");
      for (int i = 0; i < 24; i++) {
        sb.append(alphabet.charAt((d[i] & 0xff) % alphabet.length()));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
