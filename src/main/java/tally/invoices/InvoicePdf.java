package tally.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import tally.core.Money;

/** An invoice as a one-page PDF: header, bill-to, lines and totals, as Stripe's PDF lays out. */
final class InvoicePdf {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy").withZone(ZoneOffset.UTC);

  private InvoicePdf() {}

  static byte[] render(Invoice inv) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
        float y = 740;
        text(out, bold, 22, 50, y, "Invoice");
        y -= 30;
        text(out, plain, 10, 50, y, "Invoice number  " + nullToDash(inv.number()));
        text(out, plain, 10, 50, y - 14, "Date of issue   " + date(inv.created()));
        if (inv.dueDate() != null) {
          text(out, plain, 10, 50, y - 28, "Date due        " + date(inv.dueDate()));
        }
        text(out, bold, 10, 350, y, "Bill to");
        text(out, plain, 10, 350, y - 14, nullToDash(inv.customerName()));
        text(out, plain, 10, 350, y - 28, nullToDash(inv.customerEmail()));
        y -= 70;
        text(
            out,
            bold,
            14,
            50,
            y,
            Money.format(inv.amountDue(), inv.currency()) + " " + status(inv));
        y -= 30;
        text(out, bold, 10, 50, y, "Description");
        text(out, bold, 10, 380, y, "Qty");
        text(out, bold, 10, 470, y, "Amount");
        y -= 16;
        for (JsonNode line : inv.linesData()) {
          String description = line.path("description").asText("");
          text(
              out,
              plain,
              10,
              50,
              y,
              description.length() > 60 ? description.substring(0, 60) + "…" : description);
          text(out, plain, 10, 380, y, line.path("quantity").asText());
          text(out, plain, 10, 470, y, Money.format(line.path("amount").asLong(), inv.currency()));
          y -= 14;
        }
        y -= 10;
        text(out, plain, 10, 380, y, "Subtotal");
        text(out, plain, 10, 470, y, Money.format(inv.subtotal(), inv.currency()));
        text(out, bold, 10, 380, y - 14, "Total");
        text(out, bold, 10, 470, y - 14, Money.format(inv.total(), inv.currency()));
        text(out, plain, 10, 380, y - 28, "Amount paid");
        text(out, plain, 10, 470, y - 28, Money.format(inv.amountPaid(), inv.currency()));
        text(out, bold, 10, 380, y - 42, "Amount due");
        text(out, bold, 10, 470, y - 42, Money.format(inv.amountRemaining(), inv.currency()));
        text(out, plain, 8, 50, 40, "Test mode: issued by Tally, not a request for real payment.");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String status(Invoice inv) {
    return inv.status() == InvoiceStatus.PAID ? "paid" : "due";
  }

  private static String date(long epochSeconds) {
    return DATE.format(Instant.ofEpochSecond(epochSeconds));
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }

  private static void text(
      PDPageContentStream out, PDType1Font font, float size, float x, float y, String s)
      throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    // The standard fonts know WinAnsi only: anything else becomes '?', never an exception.
    out.showText(s.replaceAll("[^\\x20-\\x7E\\u00A0-\\u00FF€…×]", "?"));
    out.endText();
  }
}
