package tally.idempotency;

/** What the first execution under a key answered, and to which request. */
record StoredResponse(
    String method, String path, String paramsHash, String requestId, Integer status, String body) {}
