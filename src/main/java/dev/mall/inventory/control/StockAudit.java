package dev.mall.inventory.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the stock invariants (ARCHITECTURE.md "Invariants") from the rows themselves. Each figure comes from one
 * SQL statement, so it is a consistent snapshot of the inventory database; no transaction is needed or held.
 */
@ApplicationScoped
public class StockAudit {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    /** One SKU's stock row beside what its reservations say. */
    public record SkuLine(long skuId, int onHand, int reserved, long sold, long reservedFromReservations) {
        public long drift() {
            return reserved - reservedFromReservations;
        }

        public boolean ok() {
            return drift() == 0 && reserved >= 0 && reserved <= onHand;
        }
    }

    /** Per SKU, for the given SKUs or (empty) all of them. */
    public List<SkuLine> skus(Collection<Long> skuIds) {
        String sql = "SELECT s.sku_id, s.on_hand, s.reserved,"
                + " COALESCE(SUM(CASE WHEN r.status = 'CONFIRMED' THEN r.quantity END), 0),"
                + " COALESCE(SUM(CASE WHEN r.status = 'RESERVED' THEN r.quantity END), 0)"
                + " FROM stock s LEFT JOIN reservation r ON r.sku_id = s.sku_id"
                + (skuIds.isEmpty() ? "" : " WHERE s.sku_id IN (?1)")
                + " GROUP BY s.sku_id, s.on_hand, s.reserved ORDER BY s.sku_id";
        Query query = inventory.createNativeQuery(sql);
        if (!skuIds.isEmpty()) {
            query.setParameter(1, List.copyOf(skuIds));
        }
        List<SkuLine> lines = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            lines.add(new SkuLine(number(columns[0]), (int) number(columns[1]), (int) number(columns[2]),
                    number(columns[3]), number(columns[4])));
        }
        return lines;
    }

    /**
     * The reservation statuses of each order that holds (or held) one of the given SKUs, or of every order: an order
     * id maps to the distinct statuses of its reservations, "MIXED" if they differ.
     */
    public Map<Long, String> reservationStatusByOrder(Collection<Long> skuIds) {
        String sql = "SELECT r.order_id, MIN(r.status), MAX(r.status) FROM reservation r"
                + (skuIds.isEmpty() ? "" : " WHERE r.order_id IN (SELECT x.order_id FROM reservation x WHERE x.sku_id IN (?1))")
                + " GROUP BY r.order_id";
        Query query = inventory.createNativeQuery(sql);
        if (!skuIds.isEmpty()) {
            query.setParameter(1, List.copyOf(skuIds));
        }
        Map<Long, String> statuses = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            String low = (String) columns[1];
            String high = (String) columns[2];
            statuses.put(number(columns[0]), low.equals(high) ? low : "MIXED");
        }
        return statuses;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
