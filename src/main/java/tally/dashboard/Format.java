package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tally.core.Money;
import tally.dashboard.Views.Cell;

/** How a JSON value becomes a cell: money with its currency, times in UTC, ids as links. */
final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Format() {}

  /** The value at a dotted path ({@code amount.monetary.value}); missing is a missing node. */
  static JsonNode at(JsonNode node, String path) {
    JsonNode cur = node;
    for (String seg : path.split("\\.")) {
      cur = cur.path(seg);
    }
    return cur;
  }

  static Cell cell(JsonNode row, Resource.Column column) {
    JsonNode value = at(row, column.path());
    if (value.isMissingNode() || value.isNull()) {
      return Cell.text("—");
    }
    return switch (column.kind()) {
      case ID -> id(value.isObject() ? value.path("id").asText() : value.asText());
      case MONEY -> Cell.text(money(value.asLong(), currencyNear(row, column.path())));
      case TIME -> Cell.text(time(value.asLong()));
      case STATUS -> new Cell(value.asText(), null, "badge " + value.asText());
      case TEXT -> Cell.text(value.isValueNode() ? value.asText() : value.toString());
    };
  }

  /** A link to the object's page when the dashboard knows its kind, else the id as text. */
  static Cell id(String id) {
    return Resources.forId(id)
        .map(r -> new Cell(id, "/dashboard/" + r.name() + "/" + id, null))
        .orElse(Cell.text(id));
  }

  /** The currency beside an amount ({@code monetary.currency}), else the object's own. */
  private static String currencyNear(JsonNode row, String path) {
    int dot = path.lastIndexOf('.');
    if (dot > 0) {
      JsonNode near = at(row, path.substring(0, dot) + ".currency");
      if (near.isTextual()) {
        return near.asText();
      }
    }
    return row.path("currency").asText("usd");
  }

  static String money(long amount, String currency) {
    try {
      return Money.format(amount, currency);
    } catch (RuntimeException e) {
      return amount + " " + currency;
    }
  }

  static String time(long epochSeconds) {
    return TIME.format(Instant.ofEpochSecond(epochSeconds));
  }

  /** A top-level field's value on an object page: scalars formatted, structures as compact JSON. */
  static Cell field(String name, JsonNode value) {
    if (value.isNull()) {
      return Cell.text("null");
    }
    if (value.isTextual() && Resources.forId(value.asText()).isPresent()) {
      return id(value.asText());
    }
    if (value.isNumber()
        && (name.equals("created") || name.endsWith("_at") || name.endsWith("time"))) {
      return Cell.text(value.asLong() + " (" + time(value.asLong()) + ")");
    }
    String text = value.isValueNode() ? value.asText() : value.toString();
    return Cell.text(text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }
}
