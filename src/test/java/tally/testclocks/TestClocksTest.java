package tally.testclocks;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/** Test clocks move the time of their customers' objects, and only theirs. */
class TestClocksTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();
  private static final long DAY = 86_400;

  private TestClock clockAt(long frozen) throws StripeException {
    return stripe
        .v1()
        .testHelpers()
        .testClocks()
        .create(TestClockCreateParams.builder().setFrozenTime(frozen).setName("year").build());
  }

  private PaymentIntent authorize(String customer) throws StripeException {
    return stripe
        .v1()
        .paymentIntents()
        .create(
            PaymentIntentCreateParams.builder()
                .setAmount(5000L)
                .setCurrency("usd")
                .setCustomer(customer)
                .setPaymentMethod("pm_card_visa")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .setConfirm(true)
                .build());
  }

  @Test
  void aCustomersObjectsLiveOnItsClock() throws StripeException {
    long start = 1_767_225_600L; // 2026-01-01, long before "now"
    TestClock clock = clockAt(start);
    assertThat(clock.getId()).startsWith("clock_");
    assertThat(clock.getStatus()).isEqualTo("ready");
    assertThat(clock.getFrozenTime()).isEqualTo(start);

    Customer customer =
        stripe
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setTestClock(clock.getId()).build());
    assertThat(customer.getTestClock()).isEqualTo(clock.getId());
    assertThat(customer.getCreated()).isEqualTo(start);

    PaymentIntent onClock = authorize(customer.getId());
    Charge charge = stripe.v1().charges().retrieve(onClock.getLatestCharge());
    assertThat(charge.getCreated()).isEqualTo(start);
    assertThat(charge.getPaymentMethodDetails().getCard().getCaptureBefore())
        .isEqualTo(start + 7 * DAY);
    Charge wallCharge = stripe.v1().charges().retrieve(authorize(null).getLatestCharge());

    // Wall-clock jobs leave the clock's charge alone, even though its deadline is long past.
    SERVER.runJobs();
    assertThat(stripe.v1().charges().retrieve(charge.getId()).getCaptured()).isFalse();
    assertThat(expiredEvents()).isZero();

    TestClock advancing = Fixtures.advanceClock(stripe, clock.getId(), start + 8 * DAY);
    assertThat(advancing.getStatus()).isEqualTo("advancing");
    assertThat(advancing.getStatusDetails().getAdvancing().getTargetFrozenTime())
        .isEqualTo(start + 8 * DAY);
    SERVER.runJobs();
    TestClock ready = stripe.v1().testHelpers().testClocks().retrieve(clock.getId());
    assertThat(ready.getStatus()).isEqualTo("ready");
    assertThat(ready.getFrozenTime()).isEqualTo(start + 8 * DAY);

    assertThat(expiredEvents()).isEqualTo(1);
    // Its PaymentIntent is canceled with the authorization; the wall-clock one still waits.
    PaymentIntent expired = stripe.v1().paymentIntents().retrieve(onClock.getId());
    assertThat(expired.getStatus()).isEqualTo("canceled");
    assertThat(expired.getCancellationReason()).isEqualTo("automatic");
    // Both at the authorization's deadline, inside the advance, not at the clock's new time.
    assertThat(expired.getCanceledAt()).isEqualTo(start + 7 * DAY);
    assertThat(
            stripe
                .v1()
                .events()
                .list(EventListParams.builder().setType("charge.expired").build())
                .getData()
                .getFirst()
                .getCreated())
        .isEqualTo(start + 7 * DAY);
    assertThat(expired.getAmountCapturable()).isZero();
    assertThat(stripe.v1().paymentIntents().retrieve(wallCharge.getPaymentIntent()).getStatus())
        .isEqualTo("requires_capture");
    assertStripeError(() -> stripe.v1().charges().capture(charge.getId()))
        .isInvalidRequest()
        .hasCode("charge_expired_for_capture");
    // The wall-clock authorization is still capturable.
    assertThat(stripe.v1().charges().capture(wallCharge.getId()).getCaptured()).isTrue();
  }

  private long expiredEvents() throws StripeException {
    return stripe
        .v1()
        .events()
        .list(EventListParams.builder().setType("charge.expired").build())
        .getData()
        .size();
  }

  @Test
  void aClockOnlyMovesForwardAndOneAdvanceAtATime() throws StripeException {
    TestClock clock = clockAt(1_767_225_600L);
    assertStripeError(() -> Fixtures.advanceClock(stripe, clock.getId(), 1_767_225_000L))
        .isInvalidRequest()
        .hasParam("frozen_time");
    Fixtures.advanceClock(stripe, clock.getId(), 1_767_300_000L);
    assertStripeError(() -> Fixtures.advanceClock(stripe, clock.getId(), 1_767_400_000L))
        .isInvalidRequest()
        .hasCode("test_clock_status_invalid");
  }

  @Test
  void deletingAClockDeletesItsCustomers() throws StripeException {
    TestClock clock = clockAt(1_767_225_600L);
    Customer customer =
        stripe
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setTestClock(clock.getId()).build());
    assertThat(
            stripe
                .v1()
                .customers()
                .list(CustomerListParams.builder().setTestClock(clock.getId()).build())
                .getData())
        .extracting(Customer::getId)
        .containsExactly(customer.getId());
    TestClock deleted = stripe.v1().testHelpers().testClocks().delete(clock.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(stripe.v1().customers().retrieve(customer.getId()).getDeleted()).isTrue();
    assertStripeError(() -> stripe.v1().testHelpers().testClocks().retrieve(clock.getId()))
        .isInvalidRequest()
        .hasStatus(404);
    assertThat(
            stripe
                .v1()
                .events()
                .list(EventListParams.builder().setType("test_helpers.test_clock.deleted").build())
                .getData())
        .extracting(Event::getType)
        .containsExactly("test_helpers.test_clock.deleted");
  }

  @Test
  void anUnknownClockIsRefused() {
    assertStripeError(() ->
            stripe
                .v1()
                .customers()
                .create(CustomerCreateParams.builder().setTestClock("clock_missing").build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("test_clock");
  }
}
