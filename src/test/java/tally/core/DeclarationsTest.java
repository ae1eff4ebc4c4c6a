package tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tally.testing.ModelShapes;

/**
 * Every declared Stripe object against Stripe's shapes for the version Tally renders: each field it
 * renders is a field of that object's stripe-java model ({@link ModelShapes}). A misspelt or
 * invented field name fails here, before any request renders it.
 */
class DeclarationsTest {
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
  void everyRenderedFieldIsAFieldOfItsStripeObject() {
    List<Class<?>> declared = declared();
    assertThat(declared).isNotEmpty();
    List<String> unknown = new ArrayList<>();
    for (Class<?> type : declared) {
      ObjectSchema schema = ObjectSchema.of(type);
      String object = schema.objectName();
      if (object == null) {
        continue; // a nested part that only lists its always-null fields (a charge's outcome)
      }
      Class<?> model = ModelShapes.modelOf(object);
      assertThat(model).as("stripe-java's model of %s (%s)", object, type).isNotNull();
      Set<String> known = ModelShapes.fieldsOf(model).keySet();
      for (ObjectSchema.Prop p : schema.rendered()) {
        if (!known.contains(p.name())) {
          unknown.add(object + "." + p.name() + " (" + type.getSimpleName() + ")");
        }
      }
    }
    assertThat(unknown).as("rendered fields stripe-java's models do not have").isEmpty();
  }
}
