package tally.api;

import tally.store.KeepsWrites;

/**
 * Carries an {@link ApiError} out of a handler. {@code keepWrites} marks failures that happen after
 * the request changed state which must persist (a declined charge is stored as failed).
 */
public final class ApiException extends RuntimeException implements KeepsWrites {
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

  @Override
  public boolean keepWrites() {
    return keepWrites;
  }
}
