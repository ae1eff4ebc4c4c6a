package tally.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Currencies Stripe supports, their decimals, charge minimums, and how amounts are written. */
public final class Money {
  private Money() {}

  public static final List<String> SUPPORTED =
      List.of(
          "usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd",
          "bdt", "bgn", "bhd", "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad",
          "cdf", "chf", "clp", "cny", "cop", "crc", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp",
          "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl",
          "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr", "kmf",
          "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mga", "mkd",
          "mmk", "mnt", "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok",
          "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd",
          "rub", "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl",
          "thb", "tjs", "tnd", "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "uyu", "uzs", "vnd",
          "vuv", "wst", "xaf", "xcd", "xof", "xpf", "yer", "zar", "zmw");

  private static final Set<String> ZERO_DECIMAL =
      Set.of(
          "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
          "xaf", "xof", "xpf");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

  /** Minimum charge amounts in minor units (Stripe's table for settlement currencies). */
  private static final Map<String, Long> MINIMUM =
      Map.ofEntries(
          Map.entry("usd", 50L),
          Map.entry("aud", 50L),
          Map.entry("brl", 50L),
          Map.entry("cad", 50L),
          Map.entry("chf", 50L),
          Map.entry("eur", 50L),
          Map.entry("inr", 50L),
          Map.entry("nzd", 50L),
          Map.entry("sgd", 50L),
          Map.entry("gbp", 30L),
          Map.entry("aed", 200L),
          Map.entry("bgn", 100L),
          Map.entry("czk", 1500L),
          Map.entry("dkk", 250L),
          Map.entry("hkd", 400L),
          Map.entry("huf", 17500L),
          Map.entry("jpy", 50L),
          Map.entry("mxn", 1000L),
          Map.entry("myr", 200L),
          Map.entry("nok", 300L),
          Map.entry("pln", 200L),
          Map.entry("ron", 200L),
          Map.entry("sek", 300L),
          Map.entry("thb", 1000L));

  private static final Map<String, String> SYMBOL =
      Map.of(
          "usd", "$", "eur", "€", "gbp", "£", "jpy", "¥", "aud", "$", "cad", "$", "nzd", "$", "sgd",
          "$", "hkd", "$", "inr", "₹");

  public static boolean isSupported(String currency) {
    return currency != null && SUPPORTED.contains(currency);
  }

  public static int decimals(String currency) {
    return ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
  }

  public static long minimum(String currency) {
    return MINIMUM.getOrDefault(currency, 50L);
  }

  /** The largest amount Stripe accepts: eight digits (twelve for IDR, nine for INR). */
  public static long maximum(String currency) {
    return switch (currency) {
      case "idr" -> 999_999_999_999L;
      case "inr" -> 999_999_999L;
      default -> 99_999_999L;
    };
  }

  /** {@code $0.50}, {@code €1,000.00}, {@code ¥50}: symbol and grouped major units. */
  public static String format(long amount, String currency) {
    BigDecimal major = BigDecimal.valueOf(amount).movePointLeft(decimals(currency));
    String symbol = SYMBOL.getOrDefault(currency, "");
    String digits = String.format(java.util.Locale.ROOT, "%,." + decimals(currency) + "f", major);
    return symbol.isEmpty()
        ? digits + " " + currency.toUpperCase(java.util.Locale.ROOT)
        : symbol + digits;
  }
}
