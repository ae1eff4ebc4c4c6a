package tally.http;

/** One step of the request pipeline (OkHttp's interceptor chain, server side). */
@FunctionalInterface
public interface Interceptor {
  ApiResponse intercept(Chain chain);

  /** The rest of the pipeline from this step on. */
  interface Chain {
    Exchange exchange();

    ApiResponse proceed();
  }
}
