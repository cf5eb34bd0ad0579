package dev.mall.platform.faults;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method around which an integration test may force a failure ({@link FaultInjection}, acting only on servers
 * with {@code mall.test-hooks.enabled=true}), to prove that everything the transaction did before it rolls back. The
 * use case itself never mentions faults.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface InjectableFaults {

    /** Points a test may fail just before the method runs. */
    @Nonbinding
    FaultPoint[] before() default {};

    /** Points a test may fail just after the method returned. */
    @Nonbinding
    FaultPoint[] after() default {};

    /**
     * After the method returned: the transaction's database branches are all enlisted, so a fault in its commit
     * ({@code crash-in-commit}, {@code stall-in-commit}) may be asked for here.
     */
    @Nonbinding
    boolean commit() default false;
}
