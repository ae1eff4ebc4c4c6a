package tally.core;

import java.security.SecureRandom;

/**
 * Stripe-style object ids: a prefix and 24 base-62 characters. The first 8 characters count
 * milliseconds, so new ids sort after older ones and land at the end of every index keyed by id (a
 * batch of inserts touches a few pages, not one random page per row per index); the other 16 are
 * random, which keeps ids unguessable and unique.
 */
public final class Ids {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  // 248 = 4 × 62: bytes at or above it are skipped, so every character is equally likely.
  private static final int UNBIASED_LIMIT = 248;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  private static final int TIME_CHARS = 8;

  public static String newId(String prefix) {
    char[] time = new char[TIME_CHARS];
    long millis = System.currentTimeMillis();
    for (int i = TIME_CHARS - 1; i >= 0; i--) {
      time[i] = ALPHABET[(int) (millis % ALPHABET.length)];
      millis /= ALPHABET.length;
    }
    return prefix + new String(time) + random(24 - TIME_CHARS);
  }

  public static String random(int length) {
    char[] out = new char[length];
    // One draw of random bytes per id (each draw takes the generator's lock), with a margin for
    // the few skipped bytes.
    byte[] bytes = new byte[length + length / 4 + 4];
    int filled = 0;
    while (filled < length) {
      RANDOM.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < length; i++) {
        int b = bytes[i] & 0xff;
        if (b < UNBIASED_LIMIT) {
          out[filled++] = ALPHABET[b % ALPHABET.length];
        }
      }
    }
    return new String(out);
  }
}
