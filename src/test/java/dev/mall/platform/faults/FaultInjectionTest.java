package dev.mall.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault points act only on a test server and only where the request asked: before, after, or not at all. */
class FaultInjectionTest {

    private final List<String> ran = new ArrayList<>();

    static class UseCase {
        @InjectableFaults(before = FaultPoint.AFTER_ORDER_INSERT, after = FaultPoint.AFTER_SEND)
        void send() {
        }
    }

    private FaultInjection interceptor(boolean enabled, String askedFor) {
        FaultInjection faults = new FaultInjection();
        faults.enabled = enabled;
        faults.directives = new TestDirectives();
        faults.directives.fault(askedFor);
        return faults;
    }

    private InvocationContext call() throws NoSuchMethodException {
        Method method = UseCase.class.getDeclaredMethod("send");
        return new InvocationContext() {
            public Object getTarget() {
                return new UseCase();
            }

            public Object getTimer() {
                return null;
            }

            public Method getMethod() {
                return method;
            }

            public Constructor<?> getConstructor() {
                return null;
            }

            public Object[] getParameters() {
                return new Object[0];
            }

            public void setParameters(Object[] params) {
            }

            public Map<String, Object> getContextData() {
                return Map.of();
            }

            public Object proceed() {
                ran.add("send");
                return "sent";
            }
        };
    }

    @Test
    void aPointBeforeTheMethodFailsItBeforeItRuns() throws Exception {
        assertThatThrownBy(() -> interceptor(true, "after-order-insert").around(call()))
                .isInstanceOf(FaultInjection.InjectedFault.class).hasMessageContaining("after-order-insert");
        assertThat(ran).isEmpty();
    }

    @Test
    void aPointAfterTheMethodFailsItOnceItRan() throws Exception {
        assertThatThrownBy(() -> interceptor(true, "after-send").around(call()))
                .isInstanceOf(FaultInjection.InjectedFault.class);
        assertThat(ran).containsExactly("send");
    }

    @Test
    void withoutTheTestHooksOrWithoutTheHeaderNothingHappens() throws Exception {
        assertThat(interceptor(false, "after-order-insert").around(call())).isEqualTo("sent");
        assertThat(interceptor(true, null).around(call())).isEqualTo("sent");
        assertThat(interceptor(true, "after-reservation").around(call())).as("a point this method does not have")
                .isEqualTo("sent");
        assertThat(ran).hasSize(3);
    }
}
