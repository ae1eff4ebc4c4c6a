package tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.annotations.SerializedName;
import com.stripe.model.ExpandableField;
import com.stripe.net.ApiResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.ModelShapes;
import tally.testing.TallyServer;

/**
 * Every field stripe-java's model can expand (an {@code ExpandableField}, at the top or inside a
 * nested hash) is one Tally's expander accepts, for each object Tally declares expansions for:
 * {@code expand[]=invoice_settings.default_payment_method} was refused until this test.
 */
class ExpandableFieldsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void everyFieldTheModelsExpandIsExpandable() {
    var expander = SERVER.app().expander();
    Set<String> missing = new TreeSet<>();
    for (String object : expander.objectTypes()) {
      Class<?> model = ModelShapes.modelOf(object);
      if (model == null) {
        continue;
      }
      Set<String> declared = expander.expandable(object);
      for (String path : expandablePaths(model, "", 0)) {
        if (!declared.contains(path)) {
          missing.add(object + "." + path);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /** Dotted paths of the model's expandable fields, looking three hashes deep. */
  private static Set<String> expandablePaths(Class<?> model, String prefix, int depth) {
    Set<String> paths = new TreeSet<>();
    for (Field field : model.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (name == null || Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Class<?> type = field.getType();
      if (type == ExpandableField.class) {
        paths.add(prefix + name.value());
      } else if (depth < 3 && isNestedHash(model, type)) {
        paths.addAll(expandablePaths(type, prefix + name.value() + ".", depth + 1));
      }
    }
    return paths;
  }

  /** A hash inside the object (a nested model class), not an object of its own. */
  private static boolean isNestedHash(Class<?> owner, Class<?> type) {
    return type.getEnclosingClass() != null
        && type.getName().startsWith(topLevel(owner).getName() + "$")
        && !ApiResource.class.isAssignableFrom(type);
  }

  private static Class<?> topLevel(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top;
  }
}
