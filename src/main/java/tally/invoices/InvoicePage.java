package tally.invoices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.charges.TestCards;
import tally.core.Money;
import tally.pages.FileDownload;
import tally.pages.HtmlPage;
import tally.pages.Pages;
import tally.payments.CardPayments;

/**
 * The hosted invoice page ({@code hosted_invoice_url}) and its PDF ({@code invoice_pdf}), reached
 * by the invoice's bearer token: the invoice, its lines, and a card form while it is open.
 */
final class InvoicePage {
  private final Invoices invoices;
  private final InvoiceCollection collection;
  private final CardPayments payments;

  InvoicePage(Invoices invoices, InvoiceCollection collection, CardPayments payments) {
    this.invoices = invoices;
    this.collection = collection;
    this.payments = payments;
  }

  record PayForm(String cardNumber) {
    static PayForm decode(Params p) {
      return new PayForm(p.string("cardNumber"));
    }
  }

  /** The invoice behind a token, seen from its own account. */
  private Optional<Map.Entry<Ctx, Invoice>> byToken(Ctx ctx, String token) {
    return ctx.db()
        .createQuery("SELECT account_id, id FROM invoices WHERE hosted_token = ?")
        .bind(0, token)
        .map((rs, sc) -> Map.entry(rs.getString(1), rs.getString(2)))
        .findOne()
        .flatMap(row -> {
          Ctx acting = ctx.forAccount(row.getKey());
          return invoices.find(acting, row.getValue()).map(inv -> Map.entry(acting, inv));
        });
  }

  ApiObject show(Ctx ctx, String token) {
    return byToken(ctx, token)
        .map(found -> render(found.getValue(), token, null, 200))
        .orElseGet(InvoicePage::notFound);
  }

  ApiObject pdf(Ctx ctx, String token) {
    return byToken(ctx, token)
        .<ApiObject>map(
            found -> new FileDownload("application/pdf", InvoicePdf.render(found.getValue())))
        .orElseGet(InvoicePage::notFound);
  }

  ApiObject pay(Ctx ctx, String token, PayForm form) {
    var found = byToken(ctx, token);
    if (found.isEmpty()) {
      return notFound();
    }
    Ctx acting = found.get().getKey();
    Invoice inv = found.get().getValue();
    if (!inv.open()) {
      return render(inv, token, null, 409);
    }
    String card = TestCards.tokenForNumber(form.cardNumber());
    if (card == null) {
      return render(
          inv, token, "That is not a test card number Tally knows, e.g. 4242 4242 4242 4242.", 400);
    }
    CardPayments.Outcome outcome =
        payments.pay(
            acting,
            new CardPayments.Payment(
                inv.amountRemaining(),
                inv.currency(),
                inv.customer(),
                card,
                null,
                "Payment for Invoice " + inv.number(),
                Map.of(),
                false,
                null,
                inv.customerEmail(),
                null,
                null));
    if (!outcome.done()) {
      String why =
          outcome.declined() != null
              ? outcome.declined()
              : "This card asks for 3-D Secure, which the invoice page does not support yet.";
      return render(invoices.retrieve(acting, inv.id()), token, why, 402);
    }
    collection.paidBy(acting, inv.id(), outcome.intentId());
    return HtmlPage.seeOther("/i/" + token);
  }

  private ApiObject render(Invoice inv, String token, String error, int status) {
    List<Map<String, String>> lines = new ArrayList<>();
    inv.linesData()
        .forEach(l ->
            lines.add(
                Map.of(
                    "description", l.path("description").asText(""),
                    "quantity", l.path("quantity").asText(),
                    "amount", Money.format(l.path("amount").asLong(), inv.currency()))));
    Map<String, Object> params = new HashMap<>();
    params.put("number", inv.number());
    params.put("status", inv.status().wire());
    params.put("amountDue", Money.format(inv.amountRemaining(), inv.currency()));
    params.put("total", Money.format(inv.total(), inv.currency()));
    params.put("email", inv.customerEmail() == null ? "" : inv.customerEmail());
    params.put("lines", lines);
    params.put("pdf", "/i/" + token + "/pdf");
    params.put("action", "/i/" + token);
    params.put("error", error);
    params.put("payable", inv.open());
    return HtmlPage.status(status, Pages.render("invoice.jte", params));
  }

  private static ApiObject notFound() {
    return Pages.message(404, "Invoice not found", "This invoice link is not valid.");
  }
}
