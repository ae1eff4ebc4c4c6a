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
  void errorsAreCheckedAgainstStripeError() throws Exception {
    assertThat(
            ModelShapes.problems(
                JSON.readTree("{\"error\": {\"type\": \"invalid_request_error\", \"why\": 1}}")))
        .containsExactly("error: 'why' is not a field of StripeError");
  }
}
