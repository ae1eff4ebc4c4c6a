package tally.search;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** Customers search through the same engine as charges. */
class CustomerSearchTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void emailSubstringMetadataAndDeletedCustomers() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Customer jenny =
        stripe
            .v1()
            .customers()
            .create(
                CustomerCreateParams.builder()
                    .setEmail("jenny.rosen@example.com")
                    .setName("Jenny Rosen")
                    .putMetadata("tier", "gold")
                    .build());
    Customer max =
        stripe
            .v1()
            .customers()
            .create(
                CustomerCreateParams.builder().setEmail("max@example.org").setName("Max").build());
    Customer gone = customer(stripe, "gone@example.com");
    stripe.v1().customers().delete(gone.getId());
    assertThat(search(stripe, "email~\"example.com\"")).containsExactly(jenny.getId());
    assertThat(search(stripe, "name:\"max\"")).containsExactly(max.getId());
    assertThat(search(stripe, "metadata[\"tier\"]:\"GOLD\"")).containsExactly(jenny.getId());
    assertThat(search(stripe, "-metadata[\"tier\"]:null")).containsExactly(jenny.getId());
  }

  private static List<String> search(StripeClient stripe, String query) throws StripeException {
    return stripe
        .v1()
        .customers()
        .search(CustomerSearchParams.builder().setQuery(query).build())
        .getData()
        .stream()
        .map(Customer::getId)
        .toList();
  }
}
