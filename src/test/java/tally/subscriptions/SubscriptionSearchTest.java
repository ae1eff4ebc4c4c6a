package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.StripeSearchResult;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionSearchParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** {@code GET /v1/subscriptions/search} over status, metadata and created, as Stripe allows. */
class SubscriptionSearchTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private StripeSearchResult<Subscription> search(String query) throws StripeException {
    return stripe
        .v1()
        .subscriptions()
        .search(SubscriptionSearchParams.builder().setQuery(query).build());
  }

  private List<String> ids(String query) throws StripeException {
    return search(query).getData().stream().map(Subscription::getId).toList();
  }

  @Test
  void findsSubscriptionsByStatusMetadataAndCreated() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    Price price = billing.monthly(1_000);
    Subscription gold =
        billing.subscribe(BillingClock.params(customer, price).putMetadata("plan", "Gold"));
    Subscription silver =
        billing.subscribe(BillingClock.params(customer, price).putMetadata("plan", "silver"));
    billing.advanceTo(BillingClock.START + BillingClock.DAY);
    Subscription later =
        billing.subscribe(
            BillingClock.params(customer, price)
                .setTrialPeriodDays(14L)
                .putMetadata("plan", "gold"));
    stripe.v1().subscriptions().cancel(silver.getId());

    assertThat(ids("status:'active'")).containsExactly(gold.getId());
    assertThat(ids("status:'canceled'")).containsExactly(silver.getId());
    assertThat(ids("status:'trialing'")).containsExactly(later.getId());
    // Metadata values match case-insensitively; newest first.
    assertThat(ids("metadata['plan']:'gold'")).containsExactly(later.getId(), gold.getId());
    assertThat(ids("status:'active' AND metadata['plan']:'gold'")).containsExactly(gold.getId());
    assertThat(ids("created>" + BillingClock.START)).containsExactly(later.getId());
    assertThat(ids("created:" + BillingClock.START)).containsExactly(silver.getId(), gold.getId());
    assertThat(ids("-status:'canceled'")).containsExactly(later.getId(), gold.getId());
    assertThat(ids("status:'past_due' OR status:'trialing'")).containsExactly(later.getId());
  }

  @Test
  void changedMetadataIsSearchedByItsNewValue() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Subscription sub =
        billing.subscribe(
            BillingClock.params(billing.customer("tok_visa"), billing.monthly(500))
                .putMetadata("order", "A-1"));
    assertThat(ids("metadata['order']:'A-1'")).containsExactly(sub.getId());
    stripe
        .v1()
        .subscriptions()
        .update(
            sub.getId(), SubscriptionUpdateParams.builder().putMetadata("order", "B-2").build());
    assertThat(ids("metadata['order']:'A-1'")).isEmpty();
    assertThat(ids("metadata['order']:'B-2'")).containsExactly(sub.getId());
    assertThat(ids("metadata['order']:null")).isEmpty();
  }

  private static SubscriptionSearchParams.Builder activeOnePerPage() {
    return SubscriptionSearchParams.builder().setQuery("status:'active'").setLimit(1L);
  }

  @Test
  void pagesThroughResults() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    Price price = billing.monthly(700);
    Subscription first = billing.subscribe(BillingClock.params(customer, price));
    Subscription second = billing.subscribe(BillingClock.params(customer, price));
    StripeSearchResult<Subscription> page =
        stripe.v1().subscriptions().search(activeOnePerPage().addExpand("total_count").build());
    assertThat(page.getUrl()).isEqualTo("/v1/subscriptions/search");
    assertThat(page.getData()).extracting(Subscription::getId).containsExactly(second.getId());
    assertThat(page.getHasMore()).isTrue();
    assertThat(page.getTotalCount()).isEqualTo(2L);
    StripeSearchResult<Subscription> next =
        stripe.v1().subscriptions().search(activeOnePerPage().setPage(page.getNextPage()).build());
    assertThat(next.getData()).extracting(Subscription::getId).containsExactly(first.getId());
    assertThat(next.getHasMore()).isFalse();
  }

  @Test
  void fieldsStripeDoesNotSearchAreRefused() {
    assertStripeError(() -> search("canceled_at>0"))
        .isInvalidRequest()
        .hasStatus(400)
        .hasParam("query");
    assertStripeError(() -> search("status:")).isInvalidRequest().hasParam("query");
    assertStripeError(
            () -> stripe.v1().subscriptions().search(SubscriptionSearchParams.builder().build()))
        .isInvalidRequest()
        .hasParam("query");
  }
}
