package tally.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/**
 * A rendered page, for the hosted pages (checkout, portal) that share the request pipeline with the
 * API. The dispatcher sends {@link #html()} as {@code text/html}; {@code redirect} answers 303.
 */
public record HtmlPage(int status, String html, String redirect) implements ApiObject {
  public static HtmlPage ok(String html) {
    return new HtmlPage(200, html, null);
  }

  public static HtmlPage status(int status, String html) {
    return new HtmlPage(status, html, null);
  }

  /** After a form post: the browser goes (back) to {@code location}. */
  public static HtmlPage seeOther(String location) {
    return new HtmlPage(303, "", location);
  }

  @Override
  public ObjectNode toJson() {
    return Json.object().put("object", "page").put("status", status);
  }
}
