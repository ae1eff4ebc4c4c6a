package tally.accounts;

import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;

/**
 * The key's own account as {@code GET /v1/account} shows it: a test-mode standard account in the US
 * that can take card payments (stripe-node's {@code accounts.retrieve()} checks keys with it).
 */
@ApiResource(
    value = "account",
    nulls = {"business_type", "email", "settings"})
public record AccountObject(String id, long created) implements ApiObject {
  public record BusinessProfile(
      String mcc,
      List<String> minorityOwnedBusinessDesignation,
      String name,
      String productDescription,
      Object supportAddress,
      String supportEmail,
      String supportPhone,
      String supportUrl,
      String url) {}

  public record Capabilities(String cardPayments, String transfers) {}

  public record Controller(String type) {}

  public record ExternalAccounts(String object, List<Object> data, boolean hasMore, String url) {}

  public record Requirements(
      List<String> alternatives,
      Long currentDeadline,
      List<String> currentlyDue,
      String disabledReason,
      List<String> errors,
      List<String> eventuallyDue,
      List<String> pastDue,
      List<String> pendingVerification) {
    static final Requirements NONE =
        new Requirements(
            List.of(), null, List.of(), null, List.of(), List.of(), List.of(), List.of());
  }

  public record TosAcceptance(Long date, String ip, String userAgent) {}

  @tally.core.Field
  BusinessProfile businessProfile() {
    return new BusinessProfile(null, null, null, null, null, null, null, null, null);
  }

  @tally.core.Field
  Capabilities capabilities() {
    return new Capabilities("active", "active");
  }

  @tally.core.Field
  boolean chargesEnabled() {
    return true;
  }

  @tally.core.Field
  Controller controller() {
    return new Controller("account");
  }

  @tally.core.Field
  String country() {
    return "US";
  }

  @tally.core.Field
  String defaultCurrency() {
    return "usd";
  }

  @tally.core.Field
  boolean detailsSubmitted() {
    return true;
  }

  @tally.core.Field
  ExternalAccounts externalAccounts() {
    return new ExternalAccounts(
        "list", List.of(), false, "/v1/accounts/" + id + "/external_accounts");
  }

  @tally.core.Field
  Requirements futureRequirements() {
    return Requirements.NONE;
  }

  @tally.core.Field
  Map<String, String> metadata() {
    return Map.of();
  }

  @tally.core.Field
  boolean payoutsEnabled() {
    return true;
  }

  @tally.core.Field
  Requirements requirements() {
    return Requirements.NONE;
  }

  @tally.core.Field
  TosAcceptance tosAcceptance() {
    return new TosAcceptance(null, null, null);
  }

  @tally.core.Field
  String type() {
    return "standard";
  }
}
