package dev.mall.platform.faults;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Throws at a {@link FaultPoint} around an {@link InjectableFaults} method when the test server's request asked for it:
 * an unchecked exception inside the transaction, exactly as a crash of the code at that point would end it. Runs
 * inside the method's transaction (its priority is after the {@code @Transactional} interceptor's). Inert unless the
 * server runs with {@code mall.test-hooks.enabled=true} (the integration-test and fault-suite servers' configuration,
 * src/test/liberty); production ignores the headers (ProductionConfigurationIT).
 * <p>
 * {@code X-Mall-Fault: crash-in-commit} and {@code stall-in-commit} ask for more than an exception: the process is to
 * die, or the commit to stall, between the two phases of the commit. The application cannot do that itself (it does
 * not run during the commit), so it only marks the transaction's two database branches ({@link CommitFaultMarkers}); the
 * fault-suite servers carry a Connector/J query interceptor (src/test/java/it/dev/mall/faults/hook/CommitFaults) that
 * acts when a marked connection is sent its {@code XA COMMIT}, i.e. after every branch has voted and Liberty has
 * logged the commit decision. Elsewhere the marker is a harmless {@code SELECT}.
 */
@Interceptor
@InjectableFaults
@Priority(Interceptor.Priority.APPLICATION)
public class FaultInjection {

    /** The directives that act in the commit; the marker is "mall_fault_" + the directive (see CommitFaults). */
    static final List<String> COMMIT_FAULTS = List.of("crash-in-commit", "stall-in-commit");

    @Inject
    @ConfigProperty(name = "mall.test-hooks.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    TestDirectives directives;

    @Inject
    CommitFaultMarkers commitMarkers;

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        if (!enabled) {
            return call.proceed();
        }
        InjectableFaults faults = call.getMethod().getAnnotation(InjectableFaults.class);
        if (faults == null) {
            faults = call.getMethod().getDeclaringClass().getAnnotation(InjectableFaults.class);
        }
        for (FaultPoint point : faults.before()) {
            at(point);
        }
        Object result = call.proceed();
        for (FaultPoint point : faults.after()) {
            at(point);
        }
        if (faults.commit()) {
            COMMIT_FAULTS.stream().filter(this::asked).forEach(commitMarkers::mark);
        }
        return result;
    }

    private void at(FaultPoint point) {
        if (asked(point.header())) {
            throw new InjectedFault(point);
        }
    }

    /** Whether the current request asked for {@code directive}; never outside a request (an MDB, a timer). */
    private boolean asked(String directive) {
        try {
            return directives.asksFor(directive);
        } catch (ContextNotActiveException e) {
            return false;
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
