package dev.mall.inventory.control;

import dev.mall.platform.problem.ProblemException;

/** Fewer units are available than asked for: a definitive 409, not worth retrying. */
public class InsufficientStock extends ProblemException {

    private static final long serialVersionUID = 1L;

    public InsufficientStock(long skuId, int requested, int available) {
        super("insufficient-stock", "Insufficient stock", jakarta.ws.rs.core.Response.Status.CONFLICT,
                "SKU " + skuId + ": " + requested + " requested, " + Math.max(available, 0) + " available.");
    }
}
