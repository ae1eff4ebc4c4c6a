package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

public final class OpenApiValidator {
  private static final OpenApiValidator SHARED = new OpenApiValidator();

  public static OpenApiValidator shared() {
    return SHARED;
  }

  public List<String> validateResponse(String method, String path, int status, JsonNode body) {
    return List.of();
  }
}
