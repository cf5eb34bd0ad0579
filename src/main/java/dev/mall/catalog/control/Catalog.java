package dev.mall.catalog.control;

import dev.mall.catalog.entity.Category;
import dev.mall.catalog.entity.Product;
import dev.mall.catalog.entity.Sku;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, changes and reads catalog entries. A product, its SKUs and their opening stock are created in one
 * transaction. Reads of a product's details go through the {@link ProductCache}; every change of a product's details
 * evicts it there after commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class Catalog {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Inventory stock;

    @Inject
    ProductCache cache;

    @Inject
    Clock clock;

    public record NewSku(String name, BigDecimal price, int initialStock) {
    }

    @Transactional
    public Category createCategory(String name, Long parentId) {
        if (parentId != null && inventory.find(Category.class, parentId) == null) {
            throw Refusal.invalid(List.of(new Refusal.Field("parentId", "no such category")));
        }
        Category category = new Category(name.strip(), parentId);
        inventory.persist(category);
        return category;
    }

    @Transactional
    public Product createProduct(long categoryId, String name, String description, List<NewSku> skus) {
        if (inventory.find(Category.class, categoryId) == null) {
            throw Refusal.invalid(List.of(new Refusal.Field("categoryId", "no such category")));
        }
        Product product = new Product(categoryId, name.strip(), description, clock.instant());
        skus.forEach(sku -> product.addSku(sku.name().strip(), sku.price()));
        inventory.persist(product);
        inventory.flush();
        List<Sku> created = product.skus();
        for (int i = 0; i < created.size(); i++) {
            stock.open(created.get(i).id(), skus.get(i).initialStock());
        }
        return product;
    }

    /** A SKU's new price; 404 if there is no such SKU. Returns its product as it is now. */
    @Transactional
    public ProductDetails reprice(long skuId, BigDecimal price) {
        Sku sku = inventory.find(Sku.class, skuId, LockModeType.PESSIMISTIC_WRITE);
        if (sku == null) {
            throw Refusal.notFound("SKU " + skuId);
        }
        sku.reprice(price);
        Product product = sku.product();
        cache.evictAfterCommit(product.id());
        inventory.flush();
        return ProductDetails.of(product);
    }

    public List<Category> categories() {
        return inventory.createQuery("select c from Category c order by c.name, c.id", Category.class).getResultList();
    }

    public Optional<Product> product(long id) {
        return inventory.createQuery("select distinct p from Product p left join fetch p.skus where p.id = :id",
                        Product.class)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }

    /** A product's details, from this server's cache if they are there (see {@link ProductCache}). */
    public Optional<ProductDetails> details(long id) {
        return cache.get(id, key -> product(key).map(ProductDetails::of));
    }

    /** Units available now for each SKU of the product. */
    public Map<Long, Integer> available(Product product) {
        return available(product.skus().stream().map(Sku::id).toList());
    }

    /** Units available now for each of the SKUs; always read live, never cached. */
    public Map<Long, Integer> available(Collection<Long> skuIds) {
        return stock.available(skuIds);
    }
}
