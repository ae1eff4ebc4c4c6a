package tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every declared Stripe object against Stripe's shapes: each field it renders is a field of that
 * object in the OpenAPI document or in the fields the current API version added since (drift file).
 * A misspelt or invented field name fails here, before any request renders it.
 */
class DeclarationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = DeclarationsTest.class.getResourceAsStream("/openapi/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static List<Class<?>> declared() {
    List<Class<?>> found = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tally")) {
      if (c.isAnnotatedWith(ApiResource.class)) {
        found.add(c.reflect());
      }
    }
    return found;
  }

  @Test
  void everyRenderedFieldIsAFieldOfItsStripeObject() throws IOException {
    JsonNode schemas = resource("stripe-v1-subset.json").at("/components/schemas");
    JsonNode drift = resource("current-field-drift.json").path("objects");
    JsonNode billing = resource("billing-objects.json");
    List<Class<?>> declared = declared();
    assertThat(declared).isNotEmpty();
    List<String> unknown = new ArrayList<>();
    for (Class<?> type : declared) {
      ObjectSchema schema = ObjectSchema.of(type);
      String object = schema.objectName();
      if (object == null) {
        continue; // a nested part that only lists its always-null fields (a charge's outcome)
      }
      Set<String> known = new TreeSet<>();
      schemas.path(object).path("properties").fieldNames().forEachRemaining(known::add);
      drift.path(object).path("current_fields").fieldNames().forEachRemaining(known::add);
      // billing-objects.json lists dotted paths of nested fields too; the top level is enough here.
      billing
          .path(object)
          .fieldNames()
          .forEachRemaining(path -> known.add(path.split("[.\\[{]", 2)[0]));
      assertThat(known).as("Stripe's fields of %s (%s)", object, type).isNotEmpty();
      for (ObjectSchema.Prop p : schema.rendered()) {
        if (!known.contains(p.name())) {
          unknown.add(object + "." + p.name() + " (" + type.getSimpleName() + ")");
        }
      }
    }
    assertThat(unknown).as("rendered fields Stripe's %s objects do not have", "").isEmpty();
  }
}
