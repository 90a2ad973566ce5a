package dev.actiongate.store;

/**
 * The store did not answer, answered that it is in trouble, or is being skipped for a while after failing:
 * nothing is known about the item. Callers decide what that means for the person (fail open or closed,
 * this instance's memory instead). Carries no item values, only what kind of failure it was.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String failure) {
        super(failure, null, false, false);
    }
}
