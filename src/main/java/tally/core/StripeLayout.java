package tally.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * Stripe's JSON layout: {@code "key": value}, two spaces a level, one array element per line,
 * {@code {}} and {@code []} when empty. Every separator is one pre-encoded string per depth written
 * as raw bytes: Jackson's default printer wrote each indent a character at a time, which was half
 * of a 100-charge list's CPU.
 */
public final class StripeLayout implements PrettyPrinter, Instantiatable<StripeLayout> {
  private static final int CACHED_DEPTHS = 32;
  private static final SerializedString COLON = new SerializedString(": ");
  private static final SerializedString[] OPEN = separators("");
  private static final SerializedString[] NEXT = separators(",");

  private int depth;

  private static SerializedString[] separators(String before) {
    SerializedString[] byDepth = new SerializedString[CACHED_DEPTHS];
    for (int d = 0; d < CACHED_DEPTHS; d++) {
      byDepth[d] = new SerializedString(before + "\n" + "  ".repeat(d));
    }
    return byDepth;
  }

  private static SerializableString at(SerializedString[] byDepth, String before, int depth) {
    return depth < CACHED_DEPTHS
        ? byDepth[depth]
        : new SerializedString(before + "\n" + "  ".repeat(depth));
  }

  public StripeLayout() {}

  @Override
  public StripeLayout createInstance() {
    return new StripeLayout();
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    g.writeRaw(at(OPEN, "", depth));
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(COLON);
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(at(NEXT, ",", depth));
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    close(g, entries, '}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
    depth++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    g.writeRaw(at(OPEN, "", depth));
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(at(NEXT, ",", depth));
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    close(g, values, ']');
  }

  private void close(JsonGenerator g, int entries, char bracket) throws IOException {
    depth--;
    if (entries > 0) {
      g.writeRaw(at(OPEN, "", depth));
    }
    g.writeRaw(bracket);
  }
}
