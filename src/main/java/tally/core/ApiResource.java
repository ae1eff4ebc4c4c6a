package tally.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a Stripe object: its {@code object} value and the fields Stripe always sends
 * that Tally never sets (rendered as {@code null}). The record's components and its {@link
 * Field}-marked methods are the rest of the object; {@link ObjectSchema} reads them once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiResource {
  /**
   * The {@code object} field, e.g. {@code "refund"} or {@code "billing.meter"}; empty for a
   * sub-object that has none (a charge's {@code outcome}) but does have {@link #nulls}.
   */
  String value() default "";

  /** Fields always present and always null, e.g. {@code "payment_intent"}. */
  String[] nulls() default {};
}
