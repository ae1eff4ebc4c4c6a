package tally.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for naming a missing object that the URL names, whatever the handler passed. */
class ErrorsTest {
  private static String param(ApiException e) {
    return ((ApiError.NotFound) e.error()).param();
  }

  @Test
  void aMissingObjectNamedByTheUrlIsReportedUnderItsPathParameter() {
    ApiException e = Errors.noSuch("refund", "re_1", "id");
    Map<String, String> path = Map.of("charge", "ch_1", "refund", "re_1");
    assertThat(param(Errors.namedByPath(e, path))).isEqualTo("refund");
    assertThat(Errors.namedByPath(e, path).getMessage()).isEqualTo("No such refund: 're_1'");
  }

  @Test
  void aMissingChargeIsReportedAsIdAsStripeDoes() {
    ApiException e = Errors.noSuch("charge", "ch_1", "charge");
    assertThat(param(Errors.namedByPath(e, Map.of("charge", "ch_1")))).isEqualTo("id");
  }

  @Test
  void idsFromTheBodyAndOtherErrorsAreLeftAlone() {
    ApiException body = Errors.noSuch("customer", "cus_1", "customer");
    assertThat(Errors.namedByPath(body, Map.of("charge", "ch_1"))).isSameAs(body);
    ApiException invalid = Errors.invalid("amount", "bad");
    assertThat(Errors.namedByPath(invalid, Map.of("charge", "ch_1"))).isSameAs(invalid);
  }
}
