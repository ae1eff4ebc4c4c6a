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

  /**
   * On a record-typed component: a group of this object's own fields, not a sub-object. Its fields
   * render at this level (in this object's key order) and are stored as this table's columns.
   */
  boolean inline() default false;

  /**
   * On a JSON value that is never changed once read (a snapshot fixed at creation): it goes into
   * the rendered object as is, not copied, so that an often-rendered object stays cheap.
   */
  boolean shared() default false;
}
