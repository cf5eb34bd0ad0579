package dev.mall.ordering.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mall.inventory.control.InsufficientStock;
import dev.mall.inventory.control.StockBusy;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Which failures of a placing attempt are a lost race on stock (tried again) and which are answers. */
class StockConflictTest {

    @Test
    void aDeadlockOrALockWaitTimeoutAnywhereInTheCausesIsARaceToRetry() {
        assertThat(PlaceOrder.isStockConflict(new PersistenceException("flush",
                new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
        assertThat(PlaceOrder.isStockConflict(new PersistenceException("flush",
                new SQLException("Lock wait timeout exceeded", "HY000", 1205)))).isTrue();
        assertThat(PlaceOrder.isStockConflict(new IllegalStateException(new StockBusy(7)))).isTrue();
        assertThat(PlaceOrder.isStockConflict(new OptimisticLockException("stale"))).isTrue();
    }

    @Test
    void soldOutAndOtherDatabaseErrorsAreNotRetried() {
        assertThat(PlaceOrder.isStockConflict(new InsufficientStock(7, 2, 1))).isFalse();
        assertThat(PlaceOrder.isStockConflict(new PersistenceException("insert",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(PlaceOrder.isStockConflict(new PersistenceException("connection",
                new SQLException("Communications link failure", "08S01", 0)))).isFalse();
    }
}
