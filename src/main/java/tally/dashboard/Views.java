package tally.dashboard;

import java.util.List;

/** What the dashboard's templates render: plain values, escaped by jte. */
public final class Views {
  private Views() {}

  /** A navigation entry. */
  public record Nav(String href, String title, boolean active) {}

  /** One table cell: its text, a link when it names an object, a badge class for statuses. */
  public record Cell(String text, String href, String badge) {
    static Cell text(String text) {
      return new Cell(text, null, null);
    }
  }

  public record Table(List<String> headers, List<List<Cell>> rows) {}

  /** A named value of an object's page. */
  public record Field(String name, Cell value) {}

  /** One bar of the home chart, in SVG user units. */
  public record Bar(int x, int y, int width, int height, String label, String value) {}

  /** An API request that touched an object, secrets already masked. */
  public record Request(
      String id,
      String when,
      String method,
      String path,
      int status,
      String idempotencyKey,
      String requestBody,
      String responseBody) {}

  /** A webhook delivery with its attempts (newest first). */
  public record Delivery(
      String endpointId, String url, String state, String nextRetry, List<String> attempts) {}

  /** A test-mode action: a form posting {@code fields} to the action. */
  public record Action(String id, String label, String action, List<Hidden> fields, String help) {}

  /** A hidden form field, or a choice when {@code choices} is not empty. */
  public record Hidden(String name, String value, List<String> choices) {}

  /** A titled table on an object's page (a meter's usage, a customer's charges). */
  public record Section(String id, String title, Table table) {}

  /** The frame of every signed-in page. */
  public record Frame(String title, List<Nav> nav, String csrf, String notice, String error) {}
}
