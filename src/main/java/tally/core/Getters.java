package tally.core;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * A record accessor as a {@link Function}: made by {@link LambdaMetafactory}, so each read is an
 * ordinary compiled call. A {@code MethodHandle} held in a field (not a constant) is not inlined:
 * reading a charge's fields through handles, with a cast each, was a tenth of a charge write.
 */
final class Getters {
  private static final MethodType FUNCTION = MethodType.methodType(Function.class);
  private static final MethodType APPLY = MethodType.methodType(Object.class, Object.class);

  private Getters() {}

  static Function<Object, Object> of(MethodHandles.Lookup lookup, Method getter) {
    try {
      // The lambda's class is defined beside the record, which may be another package's.
      MethodHandles.Lookup owner =
          MethodHandles.privateLookupIn(getter.getDeclaringClass(), lookup);
      MethodHandle handle = owner.unreflect(getter);
      MethodType exact =
          MethodType.methodType(
              MethodType.methodType(getter.getReturnType()).wrap().returnType(),
              getter.getDeclaringClass());
      @SuppressWarnings("unchecked")
      Function<Object, Object> f =
          (Function<Object, Object>)
              LambdaMetafactory.metafactory(owner, "apply", FUNCTION, APPLY, handle, exact)
                  .getTarget()
                  .invoke();
      return f;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }
}
