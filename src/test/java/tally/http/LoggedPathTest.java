package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access log's view of a path: hosted-page tokens masked, API paths as sent. */
class LoggedPathTest {
  private static final Router ROUTER =
      new Router()
          .open("GET", "/p/session/{token}", Decoder.none(), (ctx, p) -> null)
          .get("/v1/charges/{charge}", Decoder.none(), (ctx, p) -> null);

  private static String logged(String path) {
    ApiRequest request = new ApiRequest("GET", path, null, "", Map.of());
    return LoggedPath.of(request, ROUTER.match("GET", path));
  }

  @Test
  void hostedPageTokensAreMaskedMatchedOrNot() {
    assertThat(logged("/p/session/bps_0123456789abcdefghijWXYZ"))
        .isEqualTo("/p/session/bps_****WXYZ");
    assertThat(logged("/p/session/bps_0123456789abcdefghijWXYZ/unknown"))
        .isEqualTo("/p/session/****");
    assertThat(logged("/i/in_secret0123456789/pay")).isEqualTo("/i/in_secret0123456789/****");
  }

  @Test
  void apiPathsAreLoggedAsSentButBounded() {
    assertThat(logged("/v1/charges/ch_123")).isEqualTo("/v1/charges/ch_123");
    assertThat(logged("/v1/" + "x".repeat(1_000))).hasSizeLessThan(310);
  }
}
