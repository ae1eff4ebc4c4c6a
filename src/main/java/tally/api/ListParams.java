package tally.api;

/** Pagination and the {@code created} filter every list endpoint shares. */
public record ListParams(int limit, String startingAfter, String endingBefore, Range created) {

  /** {@code created=N} or {@code created[gt|gte|lt|lte]=N}; null bounds are open. */
  public record Range(Long gt, Long gte, Long lt, Long lte) {
    public static final Range ANY = new Range(null, null, null, null);
  }

  public static ListParams read(Params p) {
    Long limit = p.integer("limit");
    if (limit != null && limit < 1) {
      p.fail(
          Errors.invalid(
              "parameter_invalid_integer",
              "limit",
              "This value must be greater than or equal to 1."));
    } else if (limit != null && limit > 100) {
      p.fail(
          Errors.invalid(
              "parameter_invalid_integer",
              "limit",
              "This value must be less than or equal to 100."));
    }
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    if (after != null && before != null) {
      p.fail(
          Errors.invalid(
              null,
              "You may only specify one of these parameters: starting_after, ending_before."));
    }
    return new ListParams(
        limit == null || limit < 1 || limit > 100 ? 10 : limit.intValue(),
        after,
        before,
        range(p, "created"));
  }

  /** Reads an integer-or-range filter such as {@code created}. */
  public static Range range(Params p, String name) {
    if (!p.has(name) || p.isEmpty(name)) {
      p.raw(name);
      return Range.ANY;
    }
    if (p.raw(name) instanceof String) {
      Long exact = p.integer(name);
      return exact == null ? Range.ANY : new Range(null, exact, null, exact);
    }
    Params r = p.hash(name);
    return r == null
        ? Range.ANY
        : new Range(r.integer("gt"), r.integer("gte"), r.integer("lt"), r.integer("lte"));
  }
}
