package tally.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte} (precompiled at build time, escaped by
 * default).
 */
public final class Pages {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  public static String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, params, out);
    return out.toString();
  }

  /** A page that only says something, like an expired or unknown link. */
  public static HtmlPage message(int status, String title, String message) {
    return HtmlPage.status(
        status, render("message.jte", Map.of("title", title, "message", message)));
  }
}
