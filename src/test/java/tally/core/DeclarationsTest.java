package tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tally.testing.ModelShapes;

/**
 * Every declared Stripe object against Stripe's shapes for the version Tally renders: each field it
 * renders is a field of that object's stripe-java model ({@link ModelShapes}). A misspelt or
 * invented field name fails here, before any request renders it.
 */
class DeclarationsTest {
  /**
   * Every class of the main build annotated {@link ApiResource}, found by walking the directory of
   * compiled classes (ArchUnit's import resolved stripe-java's thousands of classes too: 45 s).
   */
  private static List<Class<?>> declared() throws Exception {
    Path root =
        Path.of(ApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, ApiResource.class.getClassLoader());
        if (c.isAnnotationPresent(ApiResource.class)) {
          found.add(c);
        }
      }
    }
    return found;
  }

  @Test
  void everyRenderedFieldIsAFieldOfItsStripeObject() throws Exception {
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
