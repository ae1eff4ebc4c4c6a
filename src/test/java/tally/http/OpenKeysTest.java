package tally.http;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Ids;
import tally.testing.TallyServer;

/**
 * {@code --open-keys}: a fresh {@code sk_test_} key is its own empty account, with no setup call;
 * without the flag the same key gets Stripe's 401.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenKeysTest {
  @RegisterExtension static final TallyServer OPEN = new TallyServer().withOpenKeys();
  @RegisterExtension static final TallyServer CLOSED = new TallyServer();

  private static String freshKey() {
    return "sk_test_" + Ids.random(24);
  }

  @Test
  void twoFreshKeysSeeDisjointData() throws Exception {
    StripeClient first = OPEN.client(freshKey());
    StripeClient second = OPEN.client(freshKey());
    assertThat(first.v1().customers().list().getData()).isEmpty();
    Customer a =
        first.v1().customers().create(CustomerCreateParams.builder().setEmail("a@x.io").build());
    Customer b =
        second.v1().customers().create(CustomerCreateParams.builder().setEmail("b@x.io").build());
    assertThat(first.v1().customers().list().getData())
        .extracting(Customer::getId)
        .containsExactly(a.getId());
    assertThat(second.v1().customers().list().getData())
        .extracting(Customer::getId)
        .containsExactly(b.getId());
    assertStripeError(() -> second.v1().customers().retrieve(a.getId())).hasStatus(404);
    assertThat(first.v1().accounts().retrieveCurrent().getId())
        .isNotEqualTo(second.v1().accounts().retrieveCurrent().getId());
  }

  @Test
  void theSameKeyComesBackToItsAccount() throws Exception {
    String key = freshKey();
    String account = OPEN.client(key).v1().accounts().retrieveCurrent().getId();
    assertThat(OPEN.client(key).v1().accounts().retrieveCurrent().getId()).isEqualTo(account);
  }

  @Test
  void onlyWellFormedTestSecretKeysOpenAccounts() {
    for (String key :
        List.of(
            "sk_live_" + Ids.random(24),
            "rk_test_" + Ids.random(24),
            "sk_test_bad key!",
            "pk_test_" + Ids.random(24))) {
      var r = OPEN.raw("GET", "/v1/customers", key, null, java.util.Map.of());
      assertThat(r.statusCode()).as(key).isEqualTo(401);
    }
  }

  @Test
  void withoutTheFlagAnUnknownKeyGetsStripes401() {
    String key = freshKey();
    assertStripeError(() -> CLOSED.client(key).v1().customers().list())
        .isAuthenticationError()
        .hasStatus(401)
        .hasMessage(
            "Invalid API Key provided: sk_test_************" + key.substring(key.length() - 4));
  }
}
