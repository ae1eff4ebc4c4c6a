package tally.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoicePaymentListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class InvoicesTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Customer customerWithCard() throws StripeException {
    Customer c = Fixtures.customer(stripe, "billed@example.com");
    Fixtures.defaultCard(stripe, c.getId(), "tok_visa");
    return c;
  }

  private Invoice draftWithItems(Customer c) throws StripeException {
    for (long amount : new long[] {2500, 500}) {
      InvoiceFixtures.item(stripe, c, amount);
    }
    return InvoiceFixtures.create(stripe, InvoiceFixtures.draftParams(c));
  }

  private Customer nextInvoiceSequence(Customer c, long next) throws StripeException {
    return stripe
        .v1()
        .customers()
        .update(
            c.getId(),
            com.stripe.param.CustomerUpdateParams.builder().setNextInvoiceSequence(next).build());
  }

  @Test
  void theCustomerSaysAndSetsItsNextInvoiceNumber() throws Exception {
    Customer c = customerWithCard();
    assertThat(c.getNextInvoiceSequence()).isEqualTo(1L);
    Invoice first = stripe.v1().invoices().finalizeInvoice(draftWithItems(c).getId());
    assertThat(first.getNumber()).isEqualTo(c.getInvoicePrefix() + "-0001");
    assertThat(stripe.v1().customers().retrieve(c.getId()).getNextInvoiceSequence()).isEqualTo(2L);

    Customer moved = nextInvoiceSequence(c, 40);
    assertThat(moved.getNextInvoiceSequence()).isEqualTo(40L);
    Invoice next = stripe.v1().invoices().finalizeInvoice(draftWithItems(c).getId());
    assertThat(next.getNumber()).isEqualTo(c.getInvoicePrefix() + "-0040");
    assertStripeError(() -> nextInvoiceSequence(c, 0))
        .isInvalidRequest()
        .hasParam("next_invoice_sequence");
  }

  @Test
  void oneOffItemsAreInvoicedFinalizedAndPaid() throws Exception {
    Customer c = customerWithCard();
    Invoice draft = draftWithItems(c);
    assertThat(draft.getStatus()).isEqualTo("draft");
    assertThat(draft.getTotal()).isEqualTo(3000L);
    assertThat(draft.getLines().getData()).hasSize(2);
    assertThat(draft.getNumber()).isNull();
    assertThat(draft.getHostedInvoiceUrl()).isNull();

    Invoice open = stripe.v1().invoices().finalizeInvoice(draft.getId());
    assertThat(open.getStatus()).isEqualTo("open");
    assertThat(open.getNumber()).endsWith("-0001");
    assertThat(open.getAmountRemaining()).isEqualTo(3000L);
    assertStripeError(() -> stripe.v1().invoices().finalizeInvoice(draft.getId()))
        .isInvalidRequest()
        .hasCode("invoice_not_editable");

    HttpResponse<byte[]> pdf =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(open.getInvoicePdf())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (var doc = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains(open.getNumber())
          .contains("Item 2500")
          .contains("$30.00");
    }

    Invoice paid = stripe.v1().invoices().pay(open.getId());
    assertThat(paid.getStatus()).isEqualTo("paid");
    assertThat(paid.getAmountPaid()).isEqualTo(3000L);
    assertThat(paid.getAmountRemaining()).isZero();
    var payments =
        stripe
            .v1()
            .invoicePayments()
            .list(InvoicePaymentListParams.builder().setInvoice(paid.getId()).build())
            .getData();
    assertThat(payments).hasSize(1);
    InvoicePayment payment = payments.getFirst();
    assertThat(payment.getAmountPaid()).isEqualTo(3000L);
    var intent = stripe.v1().paymentIntents().retrieve(payment.getPayment().getPaymentIntent());
    assertThat(intent.getStatus()).isEqualTo("succeeded");
    assertThat(intent.getCustomer()).isEqualTo(c.getId());
    assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getCustomer())
        .isEqualTo(c.getId());
  }

  @Test
  void theHostedPageTakesACard() throws Exception {
    Customer c = Fixtures.customer(stripe, "hosted@example.com");
    Invoice open = stripe.v1().invoices().finalizeInvoice(draftWithItems(c).getId());
    String path = URI.create(open.getHostedInvoiceUrl()).getPath();
    assertThat(path).startsWith("/i/invst_").doesNotContain(open.getId());
    var page = SERVER.raw("GET", path, null, null, Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(open.getNumber()).contains("$30.00").contains("TEST MODE");
    var declined = SERVER.raw("POST", path, null, "cardNumber=4000000000000002", Map.of());
    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.body()).contains("Your card was declined.");
    var paid = SERVER.raw("POST", path, null, "cardNumber=4242424242424242", Map.of());
    assertThat(paid.statusCode()).isEqualTo(303);
    assertThat(stripe.v1().invoices().retrieve(open.getId()).getStatus()).isEqualTo("paid");
  }

  @Test
  void voidAndDelete() throws StripeException {
    Customer c = Fixtures.customer(stripe, "void@example.com");
    Invoice open = stripe.v1().invoices().finalizeInvoice(draftWithItems(c).getId());
    Invoice voided = stripe.v1().invoices().voidInvoice(open.getId());
    assertThat(voided.getStatus()).isEqualTo("void");
    assertThat(voided.getAmountRemaining()).isZero();
    assertStripeError(() -> stripe.v1().invoices().pay(open.getId()))
        .isInvalidRequest()
        .hasCode("invoice_not_open");
    Invoice draft =
        stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(c.getId()).build());
    assertThat(stripe.v1().invoices().delete(draft.getId()).getDeleted()).isTrue();
    assertStripeError(() -> stripe.v1().invoices().delete(open.getId()))
        .isInvalidRequest()
        .hasCode("invoice_not_editable");
  }
}
