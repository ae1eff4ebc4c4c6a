package tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schema check itself must be able to fail, or every test that relies on it proves nothing. */
class OpenApiValidatorTest {
  private static ObjectNode fixtureCharge() throws Exception {
    try (var in = OpenApiValidatorTest.class.getResourceAsStream("/openapi/fixtures-subset.json")) {
      return new ObjectMapper().readTree(in).at("/resources/charge").deepCopy();
    }
  }

  @Test
  void stripesOwnExampleChargeHasTheRightShape() throws Exception {
    ObjectNode charge = fixtureCharge();
    ((ObjectNode) charge.get("outcome")).put("type", "authorized");
    assertThat(OpenApiValidator.shared().validate("charge", charge))
        .allSatisfy(
            p -> assertThat(p).doesNotContain("missing required").doesNotContain("expected"));
  }

  @Test
  void wrongTypesMissingFieldsAndBadEnumsAreReported() throws Exception {
    ObjectNode charge = fixtureCharge();
    charge.put("amount", "100");
    charge.remove("id");
    charge.putNull("captured");
    charge.put("status", "exploded");
    var problems = OpenApiValidator.shared().validate("charge", charge);
    assertThat(problems)
        .anyMatch(p -> p.startsWith("$.amount: expected an integer"))
        .anyMatch(p -> p.contains("missing required property 'id'"))
        .anyMatch(p -> p.startsWith("$.captured: null is not allowed"))
        .anyMatch(p -> p.startsWith("$.status: 'exploded' is not one of"));
  }

  @Test
  void errorsAreCheckedAgainstTheErrorEnvelope() throws Exception {
    var bad = new ObjectMapper().readTree("{\"error\":{\"type\":\"teapot\",\"message\":\"x\"}}");
    assertThat(OpenApiValidator.shared().validateResponse("GET", "/v1/charges", 400, bad))
        .anyMatch(p -> p.contains("teapot"));
  }
}
