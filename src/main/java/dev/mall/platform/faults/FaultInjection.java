package dev.mall.platform.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

/**
 * Throws at a {@link FaultPoint} when the test server's request asked for it: an unchecked exception inside the
 * transaction, exactly as a crash of the code at that point would end it. A no-op everywhere else.
 */
@ApplicationScoped
public class FaultInjection {

    @Inject
    TestDirectives directives;

    public void at(FaultPoint point) {
        boolean asked;
        try {
            asked = directives.asksFor(point);
        } catch (ContextNotActiveException e) {
            asked = false;
        }
        if (asked) {
            throw new InjectedFault(point);
        }
    }

    /** The failure a test asked for; the generic 500 mapper answers it like any unexpected error. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(FaultPoint point) {
            super("fault injected " + point.header());
        }
    }
}
