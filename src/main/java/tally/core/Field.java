package tally.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How one field of a declared object is rendered and stored. Without it a record component is a
 * rendered, stored field named in snake_case; on a no-argument method it declares a derived field
 * (rendered, never stored).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Field {
  /** The JSON and column name, when snake_case of the Java name is not it. */
  String name() default "";

  /** Left out of the JSON while null (Stripe omits some fields until they have a value). */
  boolean omitNull() default false;

  /** False for state Tally keeps but Stripe does not show (a due time, a pending outcome). */
  boolean rendered() default true;

  /** False for a component that is computed when read, never a column. */
  boolean stored() default true;
}
