package tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tally.core.Json;

/** What the request log hides, and what it leaves readable. */
class MaskingTest {
  @Test
  void keysSecretsAndCardNumbersAreHiddenAnywhereInAValue() {
    String text =
        "key sk_test_abcdefghijklmnop1234 hook whsec_abcdef123 pi_1_secret_xyz card 4242 4242"
            + " 4242 4242 and 5555-5555-5555-4444";
    String masked = Masking.text(text);
    assertThat(masked)
        .doesNotContain("abcdefghijklmnop", "whsec_abcdef123", "secret_xyz", "4242 4242 4242")
        .contains("sk_test_************1234", "whsec_••••", "_secret_••••", "••••4242", "••••4444");
  }

  @Test
  void formsAreShownAsLinesWithSecretFieldsHidden() {
    String form =
        Masking.form(
            "amount=100&card%5Bnumber%5D=4000000000000077&card%5Bcvc%5D=123&metadata%5Border%5D=42");
    assertThat(form)
        .isEqualTo("amount=100\ncard[number]=••••0077\ncard[cvc]=••••\nmetadata[order]=42\n");
  }

  @Test
  void jsonKeepsOrdinaryNumbersAndIdsReadable() {
    var json =
        Json.tree(
            "{\"id\":\"in_1\",\"number\":\"ABCD-0001\",\"amount\":123456789012,\"created\":1796309288,"
                + "\"client_secret\":\"in_1_secret_x\",\"lines\":[{\"secret\":\"s\"}]}");
    String masked = Masking.json(json).toString();
    assertThat(masked)
        .contains("\"number\":\"ABCD-0001\"", "123456789012", "1796309288")
        .contains("\"client_secret\":\"••••\"", "\"secret\":\"••••\"");
  }
}
