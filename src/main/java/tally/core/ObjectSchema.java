package tally.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reading of a declared record: its fields in Stripe's key order ({@code id}, {@code
 * object}, then alphabetical), how each renders, which are stored. Rendering and storage both come
 * from it, so a field is named in exactly one place: the record component.
 */
public final class ObjectSchema {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ClassValue<ObjectSchema> CACHE =
      new ClassValue<>() {
        @Override
        protected ObjectSchema computeValue(Class<?> type) {
          return new ObjectSchema(type);
        }
      };

  /** One field: its JSON/column name and how to read it from an instance. */
  public record Prop(
      String name,
      String javaName,
      java.util.function.Function<Object, Object> getter,
      Class<?> type,
      java.lang.reflect.Type genericType,
      boolean omitNull,
      boolean rendered,
      boolean stored,
      boolean component,
      boolean shared) {

    public Object read(Object owner) {
      return getter.apply(owner);
    }
  }

  /** Where {@link #construct(Source)} gets a stored field's value (a row's column, say). */
  @FunctionalInterface
  public interface Source<E extends Exception> {
    Object value(Prop field) throws E;
  }

  private final Class<?> type;
  private final String objectName;
  private final List<Prop> components;
  private final List<ObjectSchema> groups; // per component: its schema if inline, else null
  private final List<Prop> stored;
  private final List<Prop> renderOrder;
  private final MethodHandle constructor;

  private ObjectSchema(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    ApiResource resource = type.getAnnotation(ApiResource.class);
    this.objectName = resource == null || resource.value().isEmpty() ? null : resource.value();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    List<Prop> parts = new ArrayList<>();
    List<ObjectSchema> inline = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      Field f = rc.getAnnotation(Field.class);
      parts.add(prop(lookup, rc.getAccessor(), rc.getName(), f, true));
      inline.add(f != null && f.inline() ? group(rc.getType()) : null);
      types.add(rc.getType());
    }
    this.components = List.copyOf(parts);
    this.groups = java.util.Collections.unmodifiableList(inline);
    List<Prop> rendered = new ArrayList<>();
    List<Prop> columns = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Prop p = parts.get(i);
      ObjectSchema group = inline.get(i);
      if (group != null) {
        group.rendered().forEach(q -> rendered.add(through(p, q)));
        group.stored().forEach(q -> columns.add(through(p, q)));
        continue;
      }
      if (p.rendered()) {
        rendered.add(p);
      }
      if (p.stored()) {
        columns.add(p);
      }
    }
    this.stored = List.copyOf(columns);
    for (Method m : type.getDeclaredMethods()) {
      Field f = m.getAnnotation(Field.class);
      if (f != null && m.getParameterCount() == 0 && !isAccessor(m)) {
        rendered.add(prop(lookup, m, m.getName(), f, false));
      }
    }
    if (resource != null) {
      for (String name : resource.nulls()) {
        rendered.add(constant(name, null));
      }
      if (objectName != null) {
        rendered.add(constant("object", objectName));
      }
    }
    rendered.sort(Comparator.comparing(ObjectSchema::sortKey));
    this.renderOrder = List.copyOf(rendered);
    try {
      var ctor = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
      ctor.setAccessible(true);
      // (Object[]) -> Object, so that each construction is one exact call, not a spread per call.
      this.constructor =
          lookup
              .unreflectConstructor(ctor)
              .asType(MethodType.genericMethodType(types.size()))
              .asSpreader(Object[].class, types.size());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    checkUnique();
  }

  public static ObjectSchema of(Class<?> type) {
    return CACHE.get(type);
  }

  /** The {@code object} value, or null for a sub-object (a nested record). */
  public String objectName() {
    return objectName;
  }

  /** The record's components in declaration order (the canonical constructor's order). */
  public List<Prop> components() {
    return components;
  }

  /**
   * Every stored field (an inline group's fields included, read through it), in declaration order.
   */
  public List<Prop> stored() {
    return stored;
  }

  /** Every rendered field, in Stripe's key order. */
  public List<Prop> rendered() {
    return renderOrder;
  }

  /** Renders {@code value} (an instance of this schema's record) as its JSON object. */
  public ObjectNode render(Object value) {
    ObjectNode n = NODES.objectNode();
    for (Prop p : renderOrder) {
      Object v = p.getter() == null ? constantValue(p) : p.read(value);
      if (v == null && p.omitNull()) {
        continue;
      }
      n.set(p.name(), p.shared() && v instanceof JsonNode j ? j : node(v));
    }
    return n;
  }

  /** A new instance from values in component order. */
  public Object construct(Object[] values) {
    try {
      return (Object) constructor.invokeExact(values);
    } catch (Throwable e) {
      throw new IllegalStateException("constructing " + type.getSimpleName(), e);
    }
  }

  /**
   * A new instance whose components come from {@code source}; an inline group is built from its own
   * fields the same way.
   */
  public <E extends Exception> Object construct(Source<E> source) throws E {
    Object[] values = new Object[components.size()];
    for (int i = 0; i < values.length; i++) {
      ObjectSchema group = groups.get(i);
      values[i] = group == null ? source.value(components.get(i)) : group.construct(source);
    }
    return construct(values);
  }

  /** A copy of {@code value} with the named fields changed (JSON or Java names). */
  public <T> T with(T value, Map<String, ?> changes) {
    Object[] values = new Object[components.size()];
    int matched = 0;
    for (int i = 0; i < values.length; i++) {
      Prop p = components.get(i);
      if (changes.containsKey(p.name())) {
        values[i] = changes.get(p.name());
        matched++;
      } else if (changes.containsKey(p.javaName())) {
        values[i] = changes.get(p.javaName());
        matched++;
      } else {
        values[i] = p.read(value);
      }
    }
    if (matched != changes.size()) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no field in " + changes);
    }
    @SuppressWarnings("unchecked")
    T copy = (T) construct(values);
    return copy;
  }

  /** Any value as JSON: declared records by their schema, enums by their wire value. */
  public static JsonNode node(Object v) {
    return switch (v) {
      case null -> NODES.nullNode();
      case String s -> NODES.textNode(s);
      case Long l -> NODES.numberNode(l);
      case Integer i -> NODES.numberNode(i);
      case Boolean b -> NODES.booleanNode(b);
      case JsonNode j -> j.deepCopy();
      case Rendered r -> r.toJson();
      case State<?> s -> NODES.textNode(s.wire());
      case Enum<?> e -> NODES.textNode(e.name().toLowerCase(java.util.Locale.ROOT));
      case Record r -> of(r.getClass()).render(r);
      case Map<?, ?> m -> {
        ObjectNode o = NODES.objectNode();
        m.forEach((k, val) -> o.set(String.valueOf(k), node(val)));
        yield o;
      }
      case Collection<?> c -> {
        ArrayNode a = NODES.arrayNode();
        c.forEach(item -> a.add(node(item)));
        yield a;
      }
      default -> Json.MAPPER.valueToTree(v);
    };
  }

  public static String snake(String javaName) {
    StringBuilder b = new StringBuilder(javaName.length() + 4);
    for (char c : javaName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Prop prop(
      MethodHandles.Lookup lookup, Method getter, String javaName, Field f, boolean component) {
    String name = f == null || f.name().isEmpty() ? snake(javaName) : f.name();
    return new Prop(
        name,
        javaName,
        Getters.of(lookup, getter),
        getter.getReturnType(),
        getter.getGenericReturnType(),
        f != null && f.omitNull(),
        f == null || f.rendered(),
        component && (f == null || f.stored()),
        component,
        f != null && f.shared());
  }

  private static ObjectSchema group(Class<?> type) {
    if (type.isAnnotationPresent(ApiResource.class)) {
      throw new IllegalStateException(
          type.getSimpleName() + " is an object, not a group of fields");
    }
    return of(type);
  }

  /** A field of an inline group, read from the object that holds the group (null if it is). */
  private static Prop through(Prop group, Prop field) {
    java.util.function.Function<Object, Object> outer = group.getter();
    java.util.function.Function<Object, Object> inner = field.getter();
    java.util.function.Function<Object, Object> read =
        owner -> {
          Object held = outer.apply(owner);
          return held == null ? null : inner.apply(held);
        };
    return new Prop(
        field.name(),
        field.javaName(),
        read,
        field.type(),
        field.genericType(),
        field.omitNull(),
        field.rendered(),
        field.stored(),
        field.component(),
        field.shared());
  }

  private final Map<String, Object> constants = new LinkedHashMap<>();

  private Prop constant(String name, Object value) {
    constants.put(name, value);
    return new Prop(name, name, null, Object.class, Object.class, false, true, false, false, false);
  }

  private Object constantValue(Prop p) {
    return constants.get(p.name());
  }

  private boolean isAccessor(Method m) {
    for (RecordComponent rc : type.getRecordComponents()) {
      if (rc.getAccessor().equals(m)) {
        return true;
      }
    }
    return false;
  }

  private void checkUnique() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Prop p : renderOrder) {
      if (!seen.add(p.name())) {
        throw new IllegalStateException(type.getSimpleName() + " declares " + p.name() + " twice");
      }
    }
  }

  private static String sortKey(Prop p) {
    return switch (p.name()) {
      case "id" -> "\0";
      case "object" -> "\1";
      default -> p.name();
    };
  }
}
