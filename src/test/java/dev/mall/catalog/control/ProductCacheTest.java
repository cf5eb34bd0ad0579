package dev.mall.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProductCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final FakeTransaction transaction = new FakeTransaction();
    private final ProductCache cache = new ProductCache(Duration.ofSeconds(30), 100, ticker, transaction);
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<ProductDetails> load(long id) {
        loads.incrementAndGet();
        return Optional.of(new ProductDetails(id, "Tea " + loads.get(), "", 1,
                List.of(new ProductDetails.SkuDetails(10 * id, "100 g", new BigDecimal("8.90")))));
    }

    @Test
    void aProductIsLoadedOnceWithinItsTimeToLive() {
        assertThat(cache.get(1, this::load)).map(ProductDetails::name).contains("Tea 1");
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.get(1, this::load)).map(ProductDetails::name).contains("Tea 1");
        assertThat(loads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.get(1, this::load)).map(ProductDetails::name).contains("Tea 2");
    }

    @Test
    void anAbsentProductIsNotCached() {
        AtomicInteger misses = new AtomicInteger();
        assertThat(cache.get(9, id -> {
            misses.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(cache.get(9, this::load)).isPresent();
        assertThat(misses).hasValue(1);
    }

    @Test
    void aChangeEvictsTheProductOnlyOnceItsTransactionHasCommitted() {
        cache.get(1, this::load);
        cache.evictAfterCommit(1);
        assertThat(cache.get(1, this::load)).as("not yet committed").map(ProductDetails::name).contains("Tea 1");

        transaction.complete(Status.STATUS_COMMITTED);
        assertThat(cache.get(1, this::load)).map(ProductDetails::name).contains("Tea 2");
    }

    @Test
    void aRolledBackChangeEvictsNothing() {
        cache.get(1, this::load);
        cache.evictAfterCommit(1);
        transaction.complete(Status.STATUS_ROLLEDBACK);
        assertThat(cache.get(1, this::load)).map(ProductDetails::name).contains("Tea 1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void onlyTheChangedProductIsEvicted() {
        cache.get(1, this::load);
        cache.get(2, this::load);
        cache.evictAfterCommit(2);
        transaction.complete(Status.STATUS_COMMITTED);
        cache.get(1, this::load);
        cache.get(2, this::load);
        assertThat(loads).hasValue(3);
    }

    /** Records the synchronizations registered with "the current transaction" and completes them on demand. */
    private static final class FakeTransaction implements TransactionSynchronizationRegistry {

        private final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int status) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            synchronizations.forEach(s -> s.afterCompletion(status));
            synchronizations.clear();
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
