package tally.api;

/**
 * Carries an {@link ApiError} out of a handler. {@code keepWrites} marks failures that happen after
 * the request changed state which must persist (a declined charge is stored as failed).
 */
public final class ApiException extends RuntimeException {
  private final transient ApiError error;
  private final boolean keepWrites;

  public ApiException(ApiError error) {
    this(error, false);
  }

  public ApiException(ApiError error, boolean keepWrites) {
    super(error.message(), null, false, false);
    this.error = error;
    this.keepWrites = keepWrites;
  }

  public ApiError error() {
    return error;
  }

  public boolean keepWrites() {
    return keepWrites;
  }
}
