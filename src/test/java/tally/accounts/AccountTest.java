package tally.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** {@code GET /v1/account}: what stripe-java's retrieveCurrent (and SDK key checks) call. */
class AccountTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void theKeyRetrievesItsOwnAccount() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Account account = stripe.v1().accounts().retrieveCurrent();
    assertThat(account.getId()).startsWith("acct_");
    assertThat(account.getObject()).isEqualTo("account");
    assertThat(account.getChargesEnabled()).isTrue();
    assertThat(account.getDefaultCurrency()).isEqualTo("usd");
    assertThat(account.getCapabilities().getCardPayments()).isEqualTo("active");
    assertThat(account.getExternalAccounts().getData()).isEmpty();
    assertThat(account.getCreated()).isPositive();
  }

  @Test
  void twoKeysSeeTwoAccounts() throws StripeException {
    String first = SERVER.newClient().v1().accounts().retrieveCurrent().getId();
    String second = SERVER.newClient().v1().accounts().retrieveCurrent().getId();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void badRequestsGetStripesErrors() {
    var noKey = SERVER.raw("GET", "/v1/account", null, null, java.util.Map.of());
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(tally.core.Json.tree(noKey.body()).at("/error/type").asText())
        .isEqualTo("invalid_request_error");
    var unknown =
        SERVER.raw("GET", "/v1/account?bogus=1", SERVER.newKey(), null, java.util.Map.of());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("bogus");
    var post = SERVER.raw("POST", "/v1/account", SERVER.newKey(), "a=1", java.util.Map.of());
    assertThat(post.statusCode()).isIn(400, 404, 405);
    assertThat(tally.core.Json.tree(post.body()).has("error")).isTrue();
  }
}
