package dev.mall.flashsale.control;

import dev.mall.catalog.control.SkuPrices;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.inventory.control.StockReservations;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Creates flash sales and reads them. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class FlashSales {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    StockReservations stock;

    @Inject
    SkuPrices skus;

    @Inject
    Clock clock;

    /**
     * Creates the sale and moves its units out of the SKU's ordinary stock into the sale's own pool, in one
     * transaction: from then on they can be sold only through the sale (409 if the SKU has not that many free units).
     */
    @Transactional
    public FlashSale create(long skuId, int units, int perCustomerLimit, BigDecimal price, Instant startsAt,
                            Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("endsAt", "must be after startsAt")));
        }
        if (skus.snapshots(List.of(skuId)).isEmpty()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("skuId", "no such SKU")));
        }
        FlashSale sale = new FlashSale(skuId, units, perCustomerLimit, price, startsAt, endsAt, clock.instant());
        inventory.persist(sale);
        inventory.flush();
        stock.allocatePool(skuId, sale.id(), units);
        return sale;
    }

    public Optional<FlashSale> find(long saleId) {
        return Optional.ofNullable(inventory.find(FlashSale.class, saleId));
    }

    /** Sales whose gate state may still matter: not ended more than a day ago. */
    public List<FlashSale> current(Instant now) {
        return inventory.createQuery("select s from FlashSale s where s.endsAt > :since order by s.id", FlashSale.class)
                .setParameter("since", now.minusSeconds(86_400))
                .getResultList();
    }

    /** Units of the sale not held by any order, from the database. */
    public int remaining(FlashSale sale) {
        return stock.poolRemaining(sale.skuId(), sale.id());
    }
}
