package tally.http;

import java.util.Map;

/**
 * The path as the access log shows it. Hosted pages ({@code /p/session/{token}}, {@code
 * /c/pay/{session}}, any route that needs no key) carry bearer secrets in the path: whoever reads
 * the log could open the page, so their path parameters are masked, as API keys are, to a prefix
 * and the last four characters.
 */
final class LoggedPath {
  private static final int MAX_CHARS = 300;

  private LoggedPath() {}

  static String of(ApiRequest request, Router.Match match) {
    String path = request.path();
    if (match != null && !match.route().authenticated() && !match.pathParams().isEmpty()) {
      String shown = match.route().template();
      for (Map.Entry<String, String> p : match.pathParams().entrySet()) {
        shown = shown.replace("{" + p.getKey() + "}", mask(p.getValue()));
      }
      return shown;
    }
    if (match == null && !path.startsWith("/v1/")) {
      // An unknown path outside the API (/p/…, /c/…, any hosted page) may still hold a token:
      // keep only its first two segments.
      String[] parts = path.split("/", 4);
      return parts.length < 4 ? path : "/" + parts[1] + "/" + parts[2] + "/****";
    }
    // Anything else names no secret, but may be 8 KB of junk: the log line stays short.
    return path.length() <= MAX_CHARS ? path : path.substring(0, MAX_CHARS) + "...";
  }

  static String mask(String token) {
    int underscore = token.lastIndexOf('_', Math.min(token.length() - 1, 12));
    String prefix = underscore > 0 ? token.substring(0, underscore + 1) : "";
    String last4 =
        token.length() >= prefix.length() + 16 ? token.substring(token.length() - 4) : "";
    return prefix + "****" + last4;
  }
}
