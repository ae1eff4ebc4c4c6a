package tally.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import tally.api.ApiError;

/**
 * Reads a request body as strict UTF-8, refusing it once it passes {@link #LIMIT_BYTES}: the limit
 * holds while reading, so a 30 MB body costs at most a megabyte of memory before the 413.
 */
final class RequestBody {
  /**
   * Stripe publishes no body limit; its parameter limits (50 metadata keys of 40 + 500 characters,
   * line items, and so on) keep real requests far below a megabyte, so 1 MiB refuses only abuse.
   */
  static final int LIMIT_BYTES = 1024 * 1024;

  /** The decoded body, or the problem to answer with instead. */
  record Read(String text, ApiError problem) {}

  private RequestBody() {}

  static Read read(Request request) {
    long declared = request.getLength();
    if (declared > LIMIT_BYTES) {
      return new Read(null, tooLarge());
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes(LIMIT_BYTES + 1);
    } catch (IOException e) {
      return new Read(
          null,
          new ApiError.InvalidRequest(
              400, null, null, "The request body could not be read: the connection failed."));
    }
    if (bytes.length > LIMIT_BYTES) {
      return new Read(null, tooLarge());
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new Read(text, null);
    } catch (CharacterCodingException e) {
      return new Read(
          null,
          new ApiError.InvalidRequest(
              400,
              null,
              null,
              "Invalid request body: it is not valid UTF-8. Send parameters form-encoded"
                  + " (application/x-www-form-urlencoded), with non-ASCII characters as"
                  + " percent-encoded UTF-8."));
    }
  }

  static ApiError tooLarge() {
    return new ApiError.InvalidRequest(
        413,
        null,
        null,
        "The request body is too large: Tally accepts at most "
            + LIMIT_BYTES
            + " bytes (1 MiB) per request.");
  }
}
