package dev.mall.flashsale.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mall.flashsale.entity.FlashSale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The flash sales this server has read. A sale never changes once created, so a buyer's request learns the sale's
 * window, limit and price from memory. A bean without interceptors on purpose: the crowd's sold-out answers read it
 * for every request ({@code SoldOutAnswers}), and a {@code @Transactional} bean's interceptor cost 5 % of such an
 * answer (JFR, docs/BENCHMARKS.md); only an unknown id goes to the database, through {@link FlashSales#detached}.
 */
@ApplicationScoped
public class SaleFacts {

    @Inject
    FlashSales sales;

    private final Cache<Long, FlashSale> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    /** The sale as this server read it once (a detached, immutable entity). */
    public Optional<FlashSale> of(long saleId) {
        FlashSale sale = cache.getIfPresent(saleId);
        if (sale == null) {
            sale = sales.detached(saleId).orElse(null);
            if (sale != null) {
                cache.put(saleId, sale);
            }
        }
        return Optional.ofNullable(sale);
    }

    /** The sale if this server has read it already; never the database (for answers given before authentication). */
    public Optional<FlashSale> cached(long saleId) {
        return Optional.ofNullable(cache.getIfPresent(saleId));
    }
}
