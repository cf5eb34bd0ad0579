package dev.mall.ordering.control;

import dev.mall.cart.boundary.CartCheckout;
import dev.mall.catalog.boundary.SkuPrices;
import dev.mall.catalog.boundary.SkuSnapshot;
import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.boundary.OrderRequest;
import dev.mall.ordering.boundary.StockSource;
import dev.mall.platform.domain.CustomerId;
import dev.mall.platform.domain.OrderId;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An ordinary order's source: the catalog's prices, the ordinary stock, and for an order of the cart the cart. */
@ApplicationScoped
public class OrdinaryStock implements StockSource {

    @Inject
    SkuPrices prices;

    @Inject
    Inventory stock;

    @Inject
    CartCheckout cart;

    @Override
    public List<Line> lines(OrderRequest request) {
        Map<Long, SkuSnapshot> skus = prices.snapshots(request.quantities().keySet());
        List<Refusal.Field> unknown = new ArrayList<>();
        String field = request.fromCart() ? "fromCart" : "items.skuId";
        request.quantities().keySet().stream().filter(sku -> !skus.containsKey(sku))
                .forEach(sku -> unknown.add(new Refusal.Field(field, "SKU " + sku + " does not exist")));
        if (!unknown.isEmpty()) {
            throw Refusal.invalid(unknown);
        }
        List<Line> lines = new ArrayList<>();
        request.quantities().forEach((skuId, quantity) -> {
            SkuSnapshot sku = skus.get(skuId);
            lines.add(new Line(skuId, sku.name(), quantity, sku.price()));
        });
        return lines;
    }

    @Override
    public void hold(OrderId orderId, CustomerId customerId, OrderRequest request) {
        stock.reserve(orderId, request.quantities());
        if (request.fromCart()) {
            // After the reservation: every attempt locks the stock rows (its version-checked updates) before the cart
            // rows, so two orders of one cart never wait on each other's rows in opposite orders. An attempt rolled
            // back (an optimistic conflict, a fault, the message) leaves the cart as it was; the next one removes
            // the lines again. If the cart changed meanwhile, CartChanged (409) rolls this order back.
            cart.removeOrdered(customerId.value(), request.quantities());
        }
    }
}
