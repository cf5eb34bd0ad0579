package dev.mall.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockoutScheduleTest {

    private final LockoutSchedule schedule = LockoutSchedule.STANDARD;

    @Test
    void fewerThanFiveFailuresDoNotLock() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(schedule.lockPeriodAfter(failures)).as("%d failures", failures).isZero();
        }
    }

    @Test
    void theFifthFailureLocksForThirtySecondsAndEachFurtherOneDoubles() {
        assertThat(schedule.lockPeriodAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.lockPeriodAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.lockPeriodAfter(7)).isEqualTo(Duration.ofSeconds(120));
        assertThat(schedule.lockPeriodAfter(8)).isEqualTo(Duration.ofSeconds(240));
        assertThat(schedule.lockPeriodAfter(9)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void theLockIsCappedAtFifteenMinutes() {
        assertThat(schedule.lockPeriodAfter(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedule.lockPeriodAfter(11)).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedule.lockPeriodAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aNegativeCountIsABug() {
        assertThatThrownBy(() -> schedule.lockPeriodAfter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInconsistentScheduleIsRefused() {
        assertThatThrownBy(() -> new LockoutSchedule(0, Duration.ofSeconds(30), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutSchedule(5, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutSchedule(5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
