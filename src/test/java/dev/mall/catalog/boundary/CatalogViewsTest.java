package dev.mall.catalog.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mall.catalog.entity.Category;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogViewsTest {

    @Test
    void buildsTheTreeFromParentLinks() throws Exception {
        Category root = category(1L, "Tea", null);
        Category green = category(2L, "Green", 1L);
        Category black = category(3L, "Black", 1L);
        Category cups = category(4L, "Cups", null);
        List<CatalogViews.CategoryNode> tree = CatalogViews.tree(List.of(green, root, cups, black));
        assertThat(tree).extracting(CatalogViews.CategoryNode::name).containsExactly("Cups", "Tea");
        assertThat(tree.get(1).children()).extracting(CatalogViews.CategoryNode::name).containsExactly("Black", "Green");
    }

    private static Category category(Long id, String name, Long parent) throws Exception {
        Category category = new Category(name, parent);
        Field field = Category.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(category, id);
        return category;
    }
}
