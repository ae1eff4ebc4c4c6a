package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks responses against Stripe's OpenAPI 3.0 document ({@code
 * ../shared/reference/openapi/stripe-v1-subset.json}): types, {@code nullable}, enums, required
 * properties, {@code anyOf} (expandable fields), arrays and maps. Extra properties are allowed, as
 * in Stripe's own schemas. Paths the document does not describe are not checked.
 */
public final class OpenApiValidator {
  private static volatile OpenApiValidator shared;
  private final JsonNode spec;

  private OpenApiValidator(JsonNode spec) {
    this.spec = spec;
  }

  public static OpenApiValidator shared() {
    if (shared == null) {
      synchronized (OpenApiValidator.class) {
        if (shared == null) {
          shared = new OpenApiValidator(load());
        }
      }
    }
    return shared;
  }

  /**
   * A copy of {@code ../shared/reference/openapi/stripe-v1-subset.json} ships in the test
   * resources, so the check also runs where the shared folder is not checked out; {@code
   * -Dtally.openapi} points at another copy.
   */
  private static JsonNode load() {
    String configured = System.getProperty("tally.openapi");
    try {
      if (configured != null) {
        return new ObjectMapper().readTree(Files.readAllBytes(Path.of(configured)));
      }
      try (var in = OpenApiValidator.class.getResourceAsStream("/openapi/stripe-v1-subset.json")) {
        if (in == null) {
          throw new IOException("openapi/stripe-v1-subset.json is not on the test classpath");
        }
        return new ObjectMapper().readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document", e);
    }
  }

  /** Problems of {@code body} as the response of {@code method path} with {@code status}. */
  public List<String> validateResponse(String method, String template, int status, JsonNode body) {
    JsonNode schema;
    if (status >= 400) {
      schema = spec.at("/components/schemas/error");
    } else {
      JsonNode operation = spec.path("paths").path(template).path(method.toLowerCase());
      if (operation.isMissingNode()) {
        return List.of();
      }
      schema = operation.at("/responses/200/content/application~1json/schema");
      if (schema.isMissingNode()) {
        return List.of();
      }
    }
    List<String> problems = new ArrayList<>();
    check(schema, body, "$", problems);
    return problems;
  }

  /** Problems of {@code body} against {@code #/components/schemas/<name>}. */
  public List<String> validate(String schemaName, JsonNode body) {
    List<String> problems = new ArrayList<>();
    check(spec.at("/components/schemas/" + schemaName), body, "$", problems);
    return problems;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    while (s.has("$ref")) {
      s = spec.at(s.get("$ref").asText().substring(1));
    }
    return s;
  }

  private void check(JsonNode rawSchema, JsonNode value, String at, List<String> problems) {
    JsonNode schema = resolve(rawSchema);
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && !allowsNullThroughAnyOf(schema)) {
        problems.add(at + ": null is not allowed");
      }
      return;
    }
    if (schema.has("anyOf") || schema.has("oneOf")) {
      JsonNode options = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
      List<String> best = null;
      for (JsonNode option : options) {
        List<String> attempt = new ArrayList<>();
        check(option, value, at, attempt);
        if (attempt.isEmpty()) {
          return;
        }
        if (best == null || attempt.size() < best.size()) {
          best = attempt;
        }
      }
      problems.add(at + ": matches none of the alternatives" + (best == null ? "" : " " + best));
      return;
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(part -> check(part, value, at, problems));
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, at, problems);
      case "array" -> {
        if (!value.isArray()) {
          problems.add(at + ": expected an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(at + ": expected a string, got " + value.getNodeType());
        } else if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
          problems.add(at + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(at + ": expected an integer, got " + value.getNodeType());
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(at + ": expected a number, got " + value.getNodeType());
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(at + ": expected a boolean, got " + value.getNodeType());
        }
      }
      default -> {
        if (schema.has("properties")) {
          checkObject(schema, value, at, problems);
        }
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (!value.isObject()) {
      problems.add(at + ": expected an object, got " + value.getNodeType());
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(at + ": missing required property '" + required.asText() + "'");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode property = properties.get(field.getKey());
      if (property != null) {
        check(property, field.getValue(), at + "." + field.getKey(), problems);
      } else if (additional.isObject()) {
        check(additional, field.getValue(), at + "." + field.getKey(), problems);
      }
    }
  }

  private boolean allowsNullThroughAnyOf(JsonNode schema) {
    for (JsonNode option : schema.path("anyOf")) {
      if (resolve(option).path("nullable").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
