package dev.mall.platform.persistence;

/**
 * A lost race that a domain noticed itself rather than the database (rows whose units kept going to other buyers): like
 * a deadlock, the attempt rolls back and may succeed when tried again ({@link Conflicts#isLockConflict}).
 */
public abstract class TransientConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected TransientConflict(String message) {
        super(message);
    }
}
