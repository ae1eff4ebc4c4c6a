package tally.charges;

import tally.api.Ctx;

/**
 * Told when a charge's funds are captured: at creation with {@code capture} true, or by a later
 * capture (then for the captured amount). It runs inside the request's transaction, so what it
 * writes commits or rolls back with the capture. Features that follow captured payments (disputes)
 * register one; charges knows nothing about them.
 */
@FunctionalInterface
public interface CaptureListener {
  /** Returns true if it changed the charge (so it must be read again before it is rendered). */
  boolean captured(Ctx ctx, Charge charge);
}
