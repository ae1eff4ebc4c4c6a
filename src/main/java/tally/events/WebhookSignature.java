package tally.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe's webhook signature, shared by the dispatcher and {@code tally listen}. */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** The {@code Stripe-Signature} header for {@code payload} sent at {@code t} (epoch seconds). */
  public static String header(String secret, long t, String payload) {
    return "t=" + t + ",v1=" + sign(secret, t, payload);
  }

  /** HMAC-SHA256 of {@code "<t>.<payload>"} with the endpoint secret, hex. */
  static String sign(String secret, long t, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
