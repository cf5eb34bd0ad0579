package dev.mall.identity.boundary;

import dev.mall.identity.control.CustomerAccounts;
import dev.mall.identity.entity.FailedLogins;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Hourly, forgets the login throttles of addresses without an account whose last failure is older than
 * {@link FailedLogins#FORGET_AFTER}: their next failure would count as the first anyway, and guessing at many
 * addresses must not grow the table for ever. Safe on many servers at once (a plain DELETE). The timer callback never
 * throws (a failed timeout would suspend the timer for Liberty's retry interval).
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LoginThrottlePurge {

    private static final Logger LOG = Logger.getLogger(LoginThrottlePurge.class.getName());
    private static final Duration INTERVAL = Duration.ofHours(1);

    @Resource
    TimerService timers;

    @Inject
    CustomerAccounts accounts;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(INTERVAL.toMillis(), INTERVAL.toMillis(), new TimerConfig("login-throttle-purge", false));
    }

    @Timeout
    void purge() {
        try {
            int purged = accounts.purgeUnknownEmailLogins(Instant.now().minus(FailedLogins.FORGET_AFTER));
            LOG.fine(() -> "Purged " + purged + " login throttles of unknown addresses");
        } catch (RuntimeException e) {
            LOG.warning(() -> "Login throttle purge skipped this time: " + e);
        }
    }
}
