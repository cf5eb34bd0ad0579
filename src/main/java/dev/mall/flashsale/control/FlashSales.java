package dev.mall.flashsale.control;

import dev.mall.catalog.boundary.SkuPrices;
import dev.mall.flashsale.entity.FlashSale;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.platform.domain.Refusal;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates flash sales and reads them. A sale never changes once created, so each server keeps the sales it has read
 * ({@link SaleFacts}): a buyer's request learns the sale's window, limit and price without a database.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class FlashSales {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Inventory stock;

    @Inject
    SkuPrices skus;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mall.flashsale.queue-threshold", defaultValue = "1")
    int queueThreshold;

    /**
     * Creates the sale and moves its units out of the SKU's ordinary stock into the sale's own pool, in one
     * transaction: from then on they can be sold only through the sale (409 if the SKU has not that many free units).
     * Without {@code queued}, a sale of {@code mall.flashsale.queue-threshold} units or more queues its orders — by
     * default every sale: the winners' XA transactions in the request threads, during the crowd's first second, put
     * the crowd's sold-out p99 at 15 × the queued sale's (docs/BENCHMARKS.md).
     */
    @Transactional
    public FlashSale create(long skuId, int units, int perCustomerLimit, BigDecimal price, Instant startsAt,
                            Instant endsAt, Optional<Boolean> queued) {
        if (!endsAt.isAfter(startsAt)) {
            throw Refusal.invalid(List.of(new Refusal.Field("endsAt", "must be after startsAt")));
        }
        if (skus.snapshots(List.of(skuId)).isEmpty()) {
            throw Refusal.invalid(List.of(new Refusal.Field("skuId", "no such SKU")));
        }
        FlashSale sale = new FlashSale(skuId, units, perCustomerLimit, price, startsAt, endsAt,
                queued.orElse(units >= queueThreshold), clock.instant());
        inventory.persist(sale);
        inventory.flush();
        stock.allocatePool(new Inventory.Pool(skuId, sale.id()), units);
        return sale;
    }

    public Optional<FlashSale> find(long saleId) {
        return Optional.ofNullable(inventory.find(FlashSale.class, saleId));
    }

    /** The sale read now and detached from any persistence context (what {@link SaleFacts} keeps). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<FlashSale> detached(long saleId) {
        FlashSale sale = inventory.find(FlashSale.class, saleId);
        if (sale != null) {
            inventory.detach(sale);
        }
        return Optional.ofNullable(sale);
    }

    /** Sales whose gate state may still matter: not ended more than a day ago. */
    public List<FlashSale> current(Instant now) {
        return inventory.createQuery("select s from FlashSale s where s.endsAt > :since order by s.id", FlashSale.class)
                .setParameter("since", now.minusSeconds(86_400))
                .getResultList();
    }

    /** Units of the sale not held by any order, from the database. */
    public int remaining(FlashSale sale) {
        return stock.poolRemaining(new Inventory.Pool(sale.skuId(), sale.id()));
    }
}
