package dev.mall.catalog.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo shop's catalog: a tea and coffee shop with a two-level category tree, about fifty products and one to
 * three SKUs each (pack sizes), with prices and opening stock. Loaded into an empty catalog by {@link
 * DemoCatalogSeeding} when {@code MALL_DEMO_DATA} is true. The README's walk-through searches it for "darjeeling".
 */
public final class DemoCatalog {

    private DemoCatalog() {
    }

    public record SkuSeed(String name, BigDecimal price, int stock) {
    }

    public record ProductSeed(String name, String description, List<SkuSeed> skus) {
    }

    public record CategorySeed(String name, List<ProductSeed> products, List<CategorySeed> children) {

        /** This category's products and those of all its descendants. */
        public Stream<ProductSeed> allProducts() {
            return Stream.concat(products.stream(), children.stream().flatMap(CategorySeed::allProducts));
        }
    }

    public static final List<CategorySeed> CATEGORIES = List.of(
            category("Tea", List.of(),
                    category("Black Tea", List.of(
                            product("Assam Second Flush", "Malty, full-bodied black tea from the Brahmaputra valley, "
                                            + "picked in early summer. Takes milk well: the classic breakfast tea.",
                                    sku("100 g tin", "8.90", 60), sku("250 g refill bag", "18.50", 40),
                                    sku("1 kg bag", "59.00", 10)),
                            product("Darjeeling First Flush", "Light, flowery spring tea from the Himalayan foothills "
                                            + "with a muscatel note. Brew it cooler and shorter than other black teas.",
                                    sku("100 g tin", "14.90", 40), sku("250 g refill bag", "34.00", 20)),
                            product("Earl Grey Classic", "Ceylon black tea scented with natural bergamot oil: "
                                            + "fragrant and citrusy, with or without milk.",
                                    sku("100 g tin", "7.50", 80), sku("250 g refill bag", "16.90", 50)),
                            product("English Breakfast Blend", "A robust blend of Assam, Ceylon and Kenyan teas for a "
                                            + "strong morning cup.",
                                    sku("100 g tin", "6.90", 100), sku("500 g bag", "27.50", 30)),
                            product("Ceylon Orange Pekoe", "Bright, brisk high-grown tea from Nuwara Eliya with a "
                                            + "clean citrus finish.",
                                    sku("100 g tin", "7.90", 70)),
                            product("Lapsang Souchong", "Smoked over pinewood fires in the Wuyi mountains: campfire "
                                            + "aroma and a sweet finish.",
                                    sku("100 g tin", "9.50", 35)),
                            product("Keemun Mao Feng", "Chinese black tea with cocoa and orchid notes, smooth and "
                                            + "never bitter.",
                                    sku("100 g tin", "11.90", 30)),
                            product("Masala Chai Spice Blend", "Assam tea with cardamom, cinnamon, ginger and clove. "
                                            + "Simmer it with milk and sugar.",
                                    sku("100 g tin", "7.20", 60), sku("250 g refill bag", "15.90", 25))),
                            List.of()),
                    category("Green Tea", List.of(
                            product("Japanese Sencha", "Steamed green tea with a fresh, grassy sweetness and a deep "
                                            + "green cup. Brew at 70 degrees.",
                                    sku("100 g tin", "9.90", 60), sku("250 g refill bag", "22.00", 30)),
                            product("Gyokuro Asahi", "Shaded for three weeks before the harvest: intense umami, best "
                                            + "brewed at 50 to 60 degrees.",
                                    sku("50 g tin", "19.90", 25)),
                            product("Ceremonial Matcha", "Stone-ground tencha from Uji, vivid green and creamy when "
                                            + "whisked.",
                                    sku("30 g tin", "24.00", 40), sku("100 g pouch", "69.00", 15)),
                            product("Genmaicha", "Green tea with toasted brown rice: nutty, warming and low in "
                                            + "caffeine.",
                                    sku("100 g bag", "6.50", 50)),
                            product("Dragon Well Longjing", "Pan-fired flat leaves from Hangzhou with a chestnut "
                                            + "aroma.",
                                    sku("100 g tin", "16.50", 30)),
                            product("Jasmine Pearls", "Green tea rolled by hand into pearls and scented with fresh "
                                            + "jasmine blossoms over several nights.",
                                    sku("50 g tin", "12.90", 45), sku("100 g refill bag", "23.90", 20)),
                            product("Gunpowder Green", "Tightly rolled Chinese green tea, smoky and strong: the base "
                                            + "of Moroccan mint tea.",
                                    sku("100 g bag", "5.90", 70))),
                            List.of()),
                    category("Oolong Tea", List.of(
                            product("Tie Guan Yin", "Lightly oxidised oolong from Anxi with an orchid fragrance; "
                                            + "steep the leaves many times.",
                                    sku("100 g tin", "13.90", 35)),
                            product("Da Hong Pao", "Roasted Wuyi rock oolong, mineral and dark, with a long sweet "
                                            + "aftertaste.",
                                    sku("50 g tin", "17.50", 20)),
                            product("Milk Oolong Jin Xuan", "Taiwanese high-mountain oolong with a naturally creamy, "
                                            + "buttery texture.",
                                    sku("100 g tin", "14.50", 30)),
                            product("Oriental Beauty", "Honeyed, fruity oolong from Hsinchu, made from leaves bitten "
                                            + "by leafhoppers.",
                                    sku("50 g tin", "18.90", 15))),
                            List.of()),
                    category("White Tea", List.of(
                            product("Silver Needle", "Only the downy buds of Fujian tea bushes: delicate and sweet, "
                                            + "with notes of melon.",
                                    sku("50 g tin", "21.00", 20)),
                            product("White Peony", "Buds and young leaves, withered in the sun; fuller than Silver "
                                            + "Needle, with a sweetness of hay.",
                                    sku("100 g tin", "12.50", 30)),
                            product("Shou Mei", "Later-harvest white tea, robust and fruity; it ages well.",
                                    sku("100 g bag", "8.50", 40))),
                            List.of()),
                    category("Herbal & Rooibos", List.of(
                            product("Organic Rooibos", "Caffeine-free red bush from South Africa with a natural "
                                            + "vanilla sweetness.",
                                    sku("100 g bag", "5.50", 80), sku("250 g bag", "11.90", 40)),
                            product("Peppermint Leaves", "Whole Moroccan peppermint leaves, refreshing hot or iced.",
                                    sku("50 g bag", "4.90", 90)),
                            product("Chamomile Flowers", "Whole Egyptian chamomile blossoms, mellow and honeyed: a "
                                            + "classic before bed.",
                                    sku("50 g bag", "5.20", 60)),
                            product("Lemon Ginger Infusion", "Ginger root, lemongrass and lemon peel: spicy, zesty "
                                            + "and caffeine-free.",
                                    sku("100 g bag", "6.40", 50)),
                            product("Hibiscus Berry Blend", "Hibiscus, elderberry and rosehip brew a ruby-red, tart "
                                            + "infusion, lovely iced.",
                                    sku("100 g bag", "5.90", 45)),
                            product("Yerba Mate Verde", "Brazilian mate, grassy and invigorating, traditionally drunk "
                                            + "from a gourd.",
                                    sku("500 g bag", "9.90", 30))),
                            List.of())),
            category("Coffee", List.of(),
                    category("Whole Beans", List.of(
                            product("Ethiopia Yirgacheffe", "Washed heirloom Arabica with jasmine, bergamot and lemon "
                                            + "notes; a light roast for filter brewing.",
                                    sku("250 g bag", "12.90", 50), sku("1 kg bag", "44.00", 15)),
                            product("Colombia Huila Supremo", "A balanced medium roast with caramel, red apple and a "
                                            + "round body.",
                                    sku("250 g bag", "10.90", 60), sku("1 kg bag", "38.00", 20)),
                            product("Brazil Santos", "Low in acidity, nutty and chocolatey: a forgiving everyday "
                                            + "espresso base.",
                                    sku("250 g bag", "8.90", 70), sku("1 kg bag", "29.90", 25)),
                            product("Kenya Nyeri", "Bright blackcurrant and grapefruit acidity with a syrupy body.",
                                    sku("250 g bag", "14.50", 30)),
                            product("Sumatra Mandheling", "Earthy, spicy and full-bodied: wet-hulled beans from North "
                                            + "Sumatra.",
                                    sku("250 g bag", "11.50", 35)),
                            product("Guatemala Antigua", "Cocoa and brown sugar with a gentle smoky finish from "
                                            + "volcanic soil.",
                                    sku("250 g bag", "11.90", 40)),
                            product("Espresso Milano Blend", "A dark roast of Brazilian Arabica and Indian Robusta "
                                            + "for a thick crema and bittersweet chocolate.",
                                    sku("250 g bag", "9.50", 60), sku("1 kg bag", "32.00", 20))),
                            List.of()),
                    category("Ground Coffee", List.of(
                            product("House Blend Filter Grind", "A medium roast ground for drip machines and "
                                            + "pour-over.",
                                    sku("250 g bag", "7.90", 80)),
                            product("Swiss Water Decaf Colombia", "Decaffeinated with water only, keeping its caramel "
                                            + "sweetness. Medium grind.",
                                    sku("250 g bag", "9.90", 40)),
                            product("French Press Coarse Grind", "Our Guatemala beans ground coarse for immersion "
                                            + "brewing.",
                                    sku("250 g bag", "10.50", 30)),
                            product("Turkish Fine Grind", "A powder-fine dark roast for brewing in a cezve, with a "
                                            + "hint of cardamom.",
                                    sku("250 g bag", "8.50", 25))),
                            List.of())),
            category("Teaware", List.of(),
                    category("Teapots", List.of(
                            product("Cast Iron Tetsubin Teapot", "Japanese cast iron teapot with an enamelled inside "
                                            + "and a stainless steel infuser; keeps tea hot for long.",
                                    sku("0.6 litre", "49.00", 12), sku("1.2 litre", "69.00", 8)),
                            product("Glass Teapot with Infuser", "Heat-resistant borosilicate glass: watch the leaves "
                                            + "unfurl.",
                                    sku("0.8 litre", "24.90", 25)),
                            product("Yixing Clay Teapot", "Unglazed zisha clay from Jiangsu that seasons with use; "
                                            + "made for oolong.",
                                    sku("200 ml", "59.00", 6)),
                            product("Kyusu Side-Handle Teapot", "Tokoname ceramic with a fine built-in mesh, made for "
                                            + "Japanese green teas.",
                                    sku("300 ml", "39.00", 10))),
                            List.of()),
                    category("Cups & Mugs", List.of(
                            product("Porcelain Tea Cup Set", "Four thin-walled porcelain cups of 150 ml.",
                                    sku("set of 4", "29.90", 20)),
                            product("Double-Wall Glass Mug", "Keeps drinks hot and hands cool; dishwasher safe.",
                                    sku("250 ml", "12.90", 40), sku("350 ml", "14.90", 30)),
                            product("Stoneware Coffee Mug", "Hand-glazed stoneware in speckled cream.",
                                    sku("300 ml", "11.50", 50)),
                            product("Matcha Bowl Chawan", "A wide bowl thrown by hand, for whisking matcha.",
                                    sku("450 ml", "27.00", 15))),
                            List.of()),
                    category("Infusers & Filters", List.of(
                            product("Bamboo Matcha Whisk", "An 80-prong chasen carved from a single piece of bamboo.",
                                    sku("80 prongs", "14.00", 30)),
                            product("Stainless Steel Tea Infuser", "A fine-mesh basket that fits most mugs and "
                                            + "teapots.",
                                    sku("standard", "6.90", 100)),
                            product("Paper Tea Filters", "Unbleached, compostable filters for loose tea.",
                                    sku("100 filters", "3.90", 120), sku("500 filters", "14.90", 40))),
                            List.of())),
            category("Coffee Gear", List.of(),
                    category("Grinders", List.of(
                            product("Manual Burr Coffee Grinder", "Conical steel burrs with 30 settings, from "
                                            + "espresso to French press.",
                                    sku("standard", "45.00", 15)),
                            product("Electric Burr Grinder", "Flat burrs with 40 settings; grinds by time for "
                                            + "repeatable doses.",
                                    sku("standard", "129.00", 8))),
                            List.of()),
                    category("Brewers", List.of(
                            product("Pour-Over Dripper", "A ceramic cone with spiral ribs for an even extraction.",
                                    sku("size 02", "19.90", 30)),
                            product("French Press", "A borosilicate carafe with a stainless steel plunger.",
                                    sku("0.35 litre", "24.00", 20), sku("1 litre", "32.00", 15)),
                            product("Stovetop Espresso Maker", "An aluminium moka pot for strong coffee on any "
                                            + "stove.",
                                    sku("3 cups", "27.00", 20), sku("6 cups", "35.00", 15)),
                            product("Cold Brew Bottle", "Brews coffee or tea overnight in the fridge; the fine "
                                            + "filter comes out for cleaning.",
                                    sku("1 litre", "22.50", 25))),
                            List.of())));

    public static long productCount() {
        return CATEGORIES.stream().flatMap(CategorySeed::allProducts).count();
    }

    private static CategorySeed category(String name, List<ProductSeed> products, CategorySeed... children) {
        return new CategorySeed(name, products, List.of(children));
    }

    private static CategorySeed category(String name, List<ProductSeed> products, List<CategorySeed> children) {
        return new CategorySeed(name, products, children);
    }

    private static ProductSeed product(String name, String description, SkuSeed... skus) {
        return new ProductSeed(name, description, List.of(skus));
    }

    private static SkuSeed sku(String name, String price, int stock) {
        return new SkuSeed(name, new BigDecimal(price), stock);
    }
}
