package tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The model check must be able to fail, at every depth it claims to reach. */
class ModelShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode charge() throws Exception {
    ObjectNode charge =
        (ObjectNode)
            JSON.readTree(
                """
                {"id": "ch_1", "object": "charge", "amount": 100, "billing_details":
                 {"address": {"city": null}, "email": null},
                 "customer": {"id": "cus_1", "object": "customer", "email": null},
                 "refunds": {"object": "list", "data": [{"id": "re_1", "object": "refund"}],
                  "has_more": false, "url": "/v1/charges/ch_1/refunds"},
                 "metadata": {"anything": "goes"}}
                """);
    return charge;
  }

  @Test
  void fieldsOfTheModelsAtEveryDepthPassTheUnknownFieldCheck() throws Exception {
    assertThat(ModelShapes.problems(charge()))
        .noneMatch(p -> p.contains("is not a field"))
        .noneMatch(p -> p.contains("has no stripe-java model"));
  }

  @Test
  void anInventedFieldIsFoundAtTheTopInANestedPartInAnExpandedObjectAndInAListItem()
      throws Exception {
    ObjectNode charge = charge();
    charge.put("amount_wished", 1);
    ((ObjectNode) charge.at("/billing_details/address")).put("planet", "mars");
    ((ObjectNode) charge.get("customer")).put("mood", "happy");
    ((ObjectNode) charge.at("/refunds/data/0")).put("regret", true);
    assertThat(ModelShapes.problems(charge))
        .anyMatch(p -> p.equals("'amount_wished' is not a field of Charge"))
        .anyMatch(p -> p.equals("billing_details.address: 'planet' is not a field of Address"))
        .anyMatch(p -> p.equals("customer: 'mood' is not a field of Customer"))
        .anyMatch(p -> p.equals("refunds.data[0]: 'regret' is not a field of Refund"))
        .noneMatch(p -> p.contains("anything"));
  }

  @Test
  void anObjectNameWithoutAModelIsAProblem() throws Exception {
    assertThat(ModelShapes.problems(JSON.readTree("{\"id\": \"x_1\", \"object\": \"gizmo\"}")))
        .containsExactly("object 'gizmo' has no stripe-java model");
  }

  @Test
  void requiredFieldsAndNullabilityComeFromStripeNodesTypings() throws Exception {
    ObjectNode charge = charge();
    charge.putNull("amount");
    assertThat(ModelShapes.problems(charge))
        .contains("charge.amount is null, typed number")
        .contains("charge lacks 'captured'")
        .noneMatch(p -> p.contains("lacks 'authorization_code'")); // optional in the typings
  }

  @Test
  void nestedPartsArePresenceAndNullChecked() throws Exception {
    ObjectNode charge = charge();
    ((ObjectNode) charge.at("/billing_details")).remove("email");
    ((ObjectNode) charge.at("/billing_details")).putNull("name");
    charge.set(
        "payment_method_details",
        JSON.readTree(
            """
            {"type": "card", "card": {"brand": "visa", "exp_month": null,
             "checks": {"cvc_check": "pass"}}}
            """));
    ObjectNode line =
        (ObjectNode)
            JSON.readTree(
                """
                {"id": "il_1", "object": "line_item", "parent": {"type": "subscription_item_details",
                 "subscription_item_details": {"subscription": "sub_1"}},
                 "pretax_credit_amounts": [{"amount": 1, "type": "credit_balance_transaction",
                  "discount": null}]}
                """);
    assertThat(ModelShapes.problems(charge))
        .contains("charge.billing_details lacks 'email'")
        .noneMatch(p -> p.contains("billing_details.name")) // string | null
        .contains("charge.payment_method_details.card.exp_month is null, typed number")
        .contains("charge.payment_method_details.card lacks 'last4'")
        .contains("charge.payment_method_details.card.checks lacks 'address_line1_check'");
    assertThat(ModelShapes.problems(line))
        .contains("line_item.parent lacks 'invoice_item_details'")
        .contains("line_item.parent.subscription_item_details lacks 'subscription_item'")
        .contains(
            "line_item.pretax_credit_amounts[0].discount is null, typed string | Discount |"
                + " DeletedDiscount");
  }

  @Test
  void errorsAreCheckedAgainstStripeError() throws Exception {
    assertThat(
            ModelShapes.problems(
                JSON.readTree("{\"error\": {\"type\": \"invalid_request_error\", \"why\": 1}}")))
        .containsExactly("error: 'why' is not a field of StripeError");
  }
}
