package dev.mall.platform.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fields added to every log record the current thread writes while a scope is open: Liberty's LogRecordContext
 * extensions, which its JSON log format prints as {@code ext_<name>} (e.g. {@code ext_orderId}). The scope must be
 * closed on the same thread (try-with-resources), or a pooled thread would carry one request's ids into the next.
 * <p>
 * LogRecordContext is Liberty's API (com.ibm.websphere.logging.hpel, visible to applications by default) and is not
 * on Maven Central, so it is reached reflectively, once; where it is missing (a plain JUnit test) scopes do nothing.
 */
public final class LogContext implements AutoCloseable {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String ORDER_ID = "orderId";
    public static final String CUSTOMER_ID = "customerId";

    private static final Logger LOG = Logger.getLogger(LogContext.class.getName());
    private static final MethodHandle ADD;
    private static final MethodHandle REMOVE;

    static {
        MethodHandle add = null;
        MethodHandle remove = null;
        try {
            Class<?> context = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
            var lookup = MethodHandles.publicLookup();
            add = lookup.findStatic(context, "addExtension", MethodType.methodType(void.class, String.class, String.class));
            remove = lookup.findStatic(context, "removeExtension", MethodType.methodType(boolean.class, String.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.FINE, "no Liberty LogRecordContext: log records get no context fields", e);
        }
        ADD = add;
        REMOVE = remove;
    }

    private static final ThreadLocal<LogContext> CURRENT = new ThreadLocal<>();

    private final List<String> added = new ArrayList<>();
    private final boolean outermost;

    private LogContext(boolean outermost) {
        this.outermost = outermost;
    }

    /** A scope on this thread; inside another scope, its fields are removed when the outer one closes. */
    public static LogContext open() {
        if (CURRENT.get() != null) {
            return new LogContext(false);
        }
        LogContext context = new LogContext(true);
        CURRENT.set(context);
        return context;
    }

    /** Adds a field to the scope open on this thread, if any (e.g. the customer, known only after authentication). */
    public static void addToCurrent(String name, Object value) {
        LogContext current = CURRENT.get();
        if (current != null) {
            current.with(name, value);
        }
    }

    /** Adds a field for this scope; null values are skipped. */
    public LogContext with(String name, Object value) {
        if (ADD != null && value != null) {
            try {
                ADD.invoke(name, value.toString());
                added.add(name);
            } catch (Throwable e) {
                LOG.log(Level.FINE, "could not add log context field " + name, e);
            }
        }
        return this;
    }

    @Override
    public void close() {
        if (!outermost) {
            CURRENT.get().added.addAll(added);
            added.clear();
            return;
        }
        CURRENT.remove();
        for (String name : added) {
            try {
                REMOVE.invoke(name);
            } catch (Throwable e) {
                LOG.log(Level.FINE, "could not remove log context field " + name, e);
            }
        }
        added.clear();
    }
}
