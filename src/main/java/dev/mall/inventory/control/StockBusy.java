package dev.mall.inventory.control;

import dev.mall.platform.persistence.TransientConflict;

/**
 * A reservation waited for stock rows whose units kept going to other buyers, more rounds than one transaction should
 * wait ({@link StockReservations}). Not an answer to the client: the placing attempt rolls back and is tried again,
 * like a lost lock race.
 */
public class StockBusy extends TransientConflict {

    private static final long serialVersionUID = 1L;

    public StockBusy(long skuId) {
        super("the stock rows of SKU " + skuId + " kept being taken while this reservation waited for them");
    }
}
