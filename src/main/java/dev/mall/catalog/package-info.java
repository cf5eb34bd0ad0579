/**
 * The catalog: the category tree, products and their SKUs with prices (inventory database). Orders take a price
 * snapshot from here; stock levels belong to the inventory domain.
 */
package dev.mall.catalog;
