package tally.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API versions Stripe has published since 2020, which {@code Stripe-Version} may name. Tally
 * renders every one of them with the shapes and rules of {@link #CURRENT}: the versions marked
 * {@link Rendering#DIFFERS} are those whose real responses Stripe shapes differently (see {@link
 * #DIFFERENCES}), which a client pinned to one of them should know.
 */
public final class ApiVersions {
  /** The version stripe-java 33.3.0 and stripe-node 22.4 pin, and new accounts default to. */
  public static final String CURRENT = "2026-07-29.dahlia";

  /** Whether Stripe's responses at a version have the shapes Tally renders. */
  public enum Rendering {
    /** Same major release as {@link #CURRENT}: additive changes only, Tally's shapes apply. */
    SAME,
    /** An older (or newer) major release: Stripe's shapes differ in the ways listed. */
    DIFFERS
  }

  private static final Map<String, List<String>> RELEASES =
      Map.of(
          "",
          List.of(
              "2020-03-02",
              "2020-08-27",
              "2022-08-01",
              "2022-11-15",
              "2023-08-16",
              "2023-10-16",
              "2024-04-10",
              "2024-06-20"),
          "acacia",
          List.of(
              "2024-09-30", "2024-10-28", "2024-11-20", "2024-12-18", "2025-01-27", "2025-02-24"),
          "basil",
          List.of(
              "2025-03-31", "2025-04-30", "2025-05-28", "2025-06-30", "2025-07-30", "2025-08-27"),
          "clover",
          List.of(
              "2025-09-30", "2025-10-29", "2025-11-17", "2025-12-15", "2026-01-28", "2026-02-25"),
          "dahlia",
          List.of(
              "2026-03-25", "2026-04-22", "2026-05-27", "2026-06-24", "2026-07-29", "2026-08-26"),
          "endive",
          List.of("2026-09-30", "2026-10-28"));

  /** A version as Stripe names them since acacia. */
  private static final java.util.regex.Pattern NAMED =
      java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.([a-z]+)");

  /** Every accepted version, oldest first, with how Stripe's shapes compare to Tally's. */
  public static final java.util.SortedMap<String, Rendering> KNOWN =
      java.util.Collections.unmodifiableSortedMap(known());

  private ApiVersions() {}

  private static TreeMap<String, Rendering> known() {
    TreeMap<String, Rendering> all = new TreeMap<>();
    RELEASES.forEach((release, dates) -> {
      for (String date : dates) {
        String version = release.isEmpty() ? date : date + "." + release;
        all.put(version, release.equals("dahlia") ? Rendering.SAME : Rendering.DIFFERS);
      }
    });
    return all;
  }

  /**
   * A published version, or one newer than the newest Tally knows (an SDK released after this build
   * pins it; its shapes are rendered as {@link #CURRENT}'s, like any other major's).
   */
  public static boolean isKnown(String version) {
    if (version == null) {
      return false;
    }
    if (KNOWN.containsKey(version)) {
      return true;
    }
    java.util.regex.Matcher m = NAMED.matcher(version);
    String newest = KNOWN.lastKey();
    return m.matches()
        && m.group(1).compareTo(newest.substring(0, 10)) > 0
        && m.group(2).compareTo(newest.substring(11)) >= 0;
  }

  /**
   * The version a {@code Stripe-Version} header names; Stripe's 400 for one it never published, and
   * for a beta suffix ({@code ; feature_beta=v1}), which no Tally account has been granted.
   */
  public static String check(String header) {
    String version = header.trim();
    int beta = version.indexOf(';');
    if (beta >= 0) {
      String name = version.substring(beta + 1).trim();
      int eq = name.indexOf('=');
      throw invalid(
          version,
          " You do not have permission to pass this beta header: "
              + Echo.bounded(eq < 0 ? name : name.substring(0, eq))
              + ".");
    }
    if (!isKnown(version)) {
      throw invalid(version, "");
    }
    return version;
  }

  private static ApiException invalid(String version, String why) {
    return new ApiException(
        new ApiError.InvalidRequest(
            null, null, "Invalid Stripe API version: " + Echo.bounded(version) + "." + why));
  }

  /**
   * How Stripe's responses at versions before dahlia differ from what Tally renders, for the
   * objects Tally serves (from Stripe's changelog); newer majors are not listed.
   */
  public static final Map<String, String> DIFFERENCES =
      new TreeMap<>(
          Map.of(
              "2022-11-15",
              "before it, a charge embeds its refunds list by default",
              "2024-09-30.acacia",
              "before it, versions are plain dates; billing objects lack acacia's additions",
              "2025-03-31.basil",
              "before it, a charge carries invoice, lists carry total_count when asked, a"
                  + " partial capture's released rest is a refund, subscriptions carry"
                  + " current_period_start/end at the top level",
              "2025-09-30.clover",
              "before it, subscriptions default to billing_mode classic",
              "2026-09-30.endive",
              "from it on (stripe-node 23.1 pins 2026-10-28.endive), Stripe's endive changes:"
                  + " Tally renders dahlia's shapes for them",
              "2026-03-25.dahlia",
              "before it, checkout ui_mode says hosted/embedded/custom and decimal fields are"
                  + " plain strings in the SDKs"));
}
