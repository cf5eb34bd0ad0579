package dev.mall.catalog.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mall.platform.transaction.AfterCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's cache of product details (names, description, SKUs, prices), the hot read of a shop. Stock is never
 * in it: it changes with every order, and the request reads it live (one primary-key query).
 * <p>
 * Freshness: an administrator's change evicts the product <em>after its transaction commits</em> ({@link
 * #evictAfterCommit}), so this server never serves the old details afterwards, and a rolled-back change evicts
 * nothing. A product is loaded inside Caffeine's per-key compute, and an eviction of that key waits for a load in
 * progress and then removes its result, so a reader that loaded the old row just before the commit cannot put it
 * back. Other servers of a cluster do not hear of the change: the short time-to-live bounds how long they may show
 * the old details ({@code mall.catalog.product-cache.ttl}, default 30 s). An order never takes its price from here
 * (it reads the SKU in its own transaction).
 * <p>
 * Absent products are not cached: a miss costs one query, and nothing has to evict a "not found".
 */
@ApplicationScoped
public class ProductCache {

    @Inject
    @ConfigProperty(name = "mall.catalog.product-cache.ttl", defaultValue = "PT30S")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "mall.catalog.product-cache.max-size", defaultValue = "10000")
    long maxSize;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private Cache<Long, ProductDetails> cache;

    /** For CDI. */
    public ProductCache() {
    }

    /** For tests: a cache with its own clock and transaction registry. */
    ProductCache(Duration ttl, long maxSize, Ticker ticker, TransactionSynchronizationRegistry transactions) {
        this.ttl = ttl;
        this.maxSize = maxSize;
        this.transactions = transactions;
        this.cache = build(ticker);
    }

    @PostConstruct
    void init() {
        cache = build(Ticker.systemTicker());
    }

    private Cache<Long, ProductDetails> build(Ticker ticker) {
        return Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).ticker(ticker).build();
    }

    /** The cached details, or those {@code loader} finds (cached if present). */
    public Optional<ProductDetails> get(long productId, LongFunction<Optional<ProductDetails>> loader) {
        return Optional.ofNullable(cache.get(productId, id -> loader.apply(id).orElse(null)));
    }

    /** Evicts the product once the current transaction has committed; nothing if it rolls back. */
    public void evictAfterCommit(long productId) {
        AfterCommit.run(transactions, () -> cache.invalidate(productId));
    }
}
