package dev.mall.inventory.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockTest {

    @Test
    void reservingHoldsUnitsUntilTheyAreConfirmedOrReleased() {
        Stock stock = new Stock(7, 5);
        stock.reserve(3);
        assertThat(stock.available()).isEqualTo(2);
        stock.confirm(2);
        assertThat(stock.onHand()).isEqualTo(3);
        assertThat(stock.reserved()).isEqualTo(1);
        stock.release(1);
        assertThat(stock.reserved()).isZero();
        assertThat(stock.available()).isEqualTo(3);
    }

    @Test
    void neverReservesMoreThanAvailable() {
        Stock stock = new Stock(7, 2);
        assertThat(stock.canReserve(3)).isFalse();
        assertThat(stock.canReserve(0)).isFalse();
        assertThatThrownBy(() -> stock.reserve(3)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.reserved()).isZero();
    }

    @Test
    void refusesToReleaseOrConfirmWhatIsNotReserved() {
        Stock stock = new Stock(7, 4);
        stock.reserve(1);
        assertThatThrownBy(() -> stock.release(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stock.confirm(2)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.reserved()).isEqualTo(1);
    }

    @Test
    void onHandCannotDropBelowReserved() {
        Stock stock = new Stock(7, 4);
        stock.reserve(3);
        assertThatThrownBy(() -> stock.setOnHand(2)).isInstanceOf(IllegalStateException.class);
        stock.setOnHand(3);
        assertThat(stock.available()).isZero();
    }

    @Test
    void aReservationMovesOnceFromReserved() {
        Reservation reservation = new Reservation(1, new Stock.Key(2, 0, 1, (short) 0), 3, java.time.Instant.EPOCH);
        reservation.confirm(java.time.Instant.EPOCH);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThatThrownBy(() -> reservation.release(java.time.Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReservationNamesItsWarehouseAndGivesBackAtMostWhatItSold() {
        Reservation reservation = new Reservation(1, new Stock.Key(2, 0, 5, (short) 1), 3, java.time.Instant.EPOCH);
        assertThat(reservation.warehouseId()).isEqualTo(5);
        assertThat(reservation.row()).isEqualTo(new Stock.Key(2, 0, 5, (short) 1));
        assertThat(reservation.returnable()).as("nothing sold yet").isZero();
        reservation.confirm(java.time.Instant.EPOCH);
        reservation.returned(2, java.time.Instant.EPOCH);
        assertThat(reservation.returnable()).isEqualTo(1);
        assertThatThrownBy(() -> reservation.returned(2, java.time.Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class);
        reservation.returned(1, java.time.Instant.EPOCH);
        assertThat(reservation.returnable()).isZero();
    }

    @Test
    void aNewSkuOpensItsStockInTheDefaultWarehouse() {
        assertThat(new Stock(7, 4).warehouseId()).isEqualTo(Warehouse.DEFAULT);
        assertThatThrownBy(() -> new Warehouse("X", "x", -1, java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
