package tally.http;

import java.util.List;

/** Runs every request through the same interceptors, in order, ending at the dispatcher. */
public final class Pipeline {
  private final List<Interceptor> interceptors;

  public Pipeline(List<Interceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  public ApiResponse handle(ApiRequest request) {
    return new RealChain(new Exchange(request), 0).proceed();
  }

  private final class RealChain implements Interceptor.Chain {
    private final Exchange exchange;
    private final int index;

    RealChain(Exchange exchange, int index) {
      this.exchange = exchange;
      this.index = index;
    }

    @Override
    public Exchange exchange() {
      return exchange;
    }

    @Override
    public ApiResponse proceed() {
      if (index >= interceptors.size()) {
        throw new IllegalStateException("the pipeline ended without a response");
      }
      return interceptors.get(index).intercept(new RealChain(exchange, index + 1));
    }
  }
}
