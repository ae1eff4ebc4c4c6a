package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.annotations.SerializedName;
import com.stripe.model.EventDataClassLookup;
import com.stripe.model.ExpandableField;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.model.StripeSearchResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every JSON object of a response against stripe-java's generated models, which are
 * generated from Stripe's spec for the API version stripe-java pins (the one Tally renders): each
 * object with an {@code object} name must have a model, and every key Tally renders, at any depth
 * the model types, must be a field of that model. Which fields must always be present, and which
 * may be null, is {@link CurrentFields}' business (stripe-node's typings).
 */
public final class ModelShapes {
  private static final Map<String, Class<?>> BY_OBJECT = new LinkedHashMap<>();

  static {
    BY_OBJECT.putAll(EventDataClassLookup.classLookup);
    BY_OBJECT.put("list", StripeCollection.class);
    BY_OBJECT.put("search_result", StripeSearchResult.class);
    com.stripe.model.v2.EventDataClassLookup.classLookup.forEach((name, model) -> {
      if (name.startsWith("v2.")) {
        BY_OBJECT.putIfAbsent(name, model);
      }
    });
  }

  private static final Map<String, ? extends Class<?>> V2_EVENTS =
      com.stripe.model.v2.EventDataClassLookup.eventClassLookup;

  private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

  private ModelShapes() {}

  /** Problems of one response body; empty when every object matches its model. */
  public static List<String> problems(JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (body == null) {
      return problems;
    }
    if (body.has("error") && body.size() == 1) {
      check(body.get("error"), StripeError.class, "error", problems);
    } else if (isV2List(body)) {
      for (int i = 0; i < body.get("data").size(); i++) {
        check(body.get("data").get(i), null, "data[" + i + "]", problems);
      }
    } else {
      check(body, null, "", problems);
    }
    return problems;
  }

  /** A v2 list: {@code data} and page URLs, with no {@code object} name of its own. */
  static boolean isV2List(JsonNode body) {
    return !body.has("object") && body.path("data").isArray() && body.has("next_page_url");
  }

  /** The model class of an {@code object} name, or null when stripe-java has none. */
  public static Class<?> modelOf(String object) {
    return BY_OBJECT.get(object);
  }

  private static void check(JsonNode node, Type type, String path, List<String> problems) {
    if (node.isArray()) {
      Type item = typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), item, path + "[" + i + "]", problems);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    Class<?> model = raw(type);
    if (node.path("object").isTextual()) {
      String object = node.get("object").asText();
      Class<?> named = BY_OBJECT.get(object);
      if (named == null && object.startsWith("tally.")) {
        return; // Tally's own objects (routes under /v1/tally/), named apart from Stripe's
      }
      if (named == null) {
        problems.add(where(path) + "object '" + object + "' has no stripe-java model");
        return;
      }
      if (model == null || !named.isAssignableFrom(model)) {
        model = named; // else keep the declared type, more specific (RefundCollection)
      }
      Class<?> v2Event = V2_EVENTS.get(node.path("type").asText());
      if (object.equals("v2.core.event") && v2Event != null) {
        model = v2Event; // a v2 event's data and related_object are its type's fields
      }
      if (!node.path("deleted").asBoolean(false)) {
        CurrentFields.check(object, node, where(path), problems);
      }
    }
    if (model == null || model == Object.class || Map.class.isAssignableFrom(model)) {
      return; // metadata and other free-form maps
    }
    if (!StripeObject.class.isAssignableFrom(model)) {
      return;
    }
    Map<String, Type> fields = fieldsOf(model);
    for (var entry : node.properties()) {
      Type fieldType = fields.get(entry.getKey());
      String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      if (fieldType == null) {
        problems.add(
            where(path) + "'" + entry.getKey() + "' is not a field of " + model.getSimpleName());
        continue;
      }
      if (StripeCollection.class.isAssignableFrom(model) && entry.getKey().equals("data")) {
        // A list's items: the element type of the concrete collection (RefundCollection…).
        Type item = elementType(type);
        for (int i = 0; i < entry.getValue().size(); i++) {
          check(entry.getValue().get(i), item, at + "[" + i + "]", problems);
        }
        continue;
      }
      check(entry.getValue(), unwrap(fieldType), at, problems);
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  /** ExpandableField&lt;T&gt; is T when expanded; anything else is itself. */
  private static Type unwrap(Type type) {
    if (raw(type) == ExpandableField.class) {
      return typeArgument(type, 0);
    }
    return type;
  }

  /** T of a StripeCollection&lt;T&gt; field type, or of a subclass such as RefundCollection. */
  private static Type elementType(Type declared) {
    if (declared instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    for (Class<?> c = raw(declared); c != null && c != Object.class; c = c.getSuperclass()) {
      if (c.getGenericSuperclass() instanceof ParameterizedType p
          && StripeCollection.class.isAssignableFrom(raw(p.getRawType()))) {
        return p.getActualTypeArguments()[0];
      }
    }
    return null; // unknown element type: items are checked by their own object names
  }

  private static Type typeArgument(Type type, int index) {
    return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return null;
  }

  /** JSON name to declared type, over the model and its superclasses (stripe-java's naming). */
  public static Map<String, Type> fieldsOf(Class<?> model) {
    return FIELDS.computeIfAbsent(
        model,
        m -> {
          Map<String, Type> fields = new LinkedHashMap<>();
          for (Class<?> c = m; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
              int mod = f.getModifiers();
              if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || Modifier.isPrivate(mod)) {
                continue;
              }
              SerializedName name = f.getAnnotation(SerializedName.class);
              fields.putIfAbsent(
                  name != null ? name.value() : snake(f.getName()), f.getGenericType());
            }
          }
          return fields;
        });
  }

  /** Gson's LOWER_CASE_WITH_UNDERSCORES, which stripe-java uses: threeDSecure → three_d_secure. */
  private static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
