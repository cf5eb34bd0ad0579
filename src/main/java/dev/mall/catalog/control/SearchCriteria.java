package dev.mall.catalog.control;

import dev.mall.platform.rest.QueryParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated catalog search ({@code GET /api/products}): keywords, a category (with its sub-categories), a range of
 * the product price (its lowest SKU price), the order and the page.
 * <p>
 * Keywords become a MariaDB FULLTEXT query in BOOLEAN MODE where every word is an optional prefix term
 * ({@code "earl grey"} → {@code "earl* grey*"}):
 * <ul>
 * <li>optional terms keep the "any word matches, more matching words rank higher" behaviour of natural language
 * mode, so a product matching every word comes first;</li>
 * <li>the prefix operator stands in for the stemming InnoDB lacks ({@code cup} finds "cups", {@code assa} finds
 * "Assam") and serves search-as-you-type;</li>
 * <li>unlike natural language mode, boolean mode still returns rows whose relevance is 0, which InnoDB computes for
 * a word present in every product (its inverse document frequency is 0), so a small catalog does not lose hits;</li>
 * <li>only runs of letters and digits reach the query: the user cannot inject boolean operators ({@code + - " ( ) ~ < >
 * @}), and words shorter than the index's minimum token size (3, {@code innodb_ft_min_token_size}), which could never
 * match, are dropped.</li>
 * </ul>
 */
public record SearchCriteria(List<String> words, Long categoryId, BigDecimal minPrice, BigDecimal maxPrice, Sort sort,
                             int page, int size) {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_WORDS = 10;
    /** innodb_ft_min_token_size: shorter words are not in the index. */
    public static final int MIN_WORD_LENGTH = 3;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public enum Sort {
        RELEVANCE("relevance"), PRICE_ASC("price_asc"), PRICE_DESC("price_desc"), NEWEST("newest");

        private final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        public static Optional<Sort> of(String parameter) {
            for (Sort sort : values()) {
                if (sort.parameter.equals(parameter)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }

        static String allowed() {
            return java.util.Arrays.stream(values()).map(Sort::parameter).collect(Collectors.joining(", "));
        }
    }

    public SearchCriteria {
        words = List.copyOf(words);
    }

    /**
     * Reads the raw query parameters; throws a 400 problem naming every invalid one. Without keywords, relevance
     * (the default when there are keywords) has nothing to rank by and the newest products come first.
     */
    public static SearchCriteria parse(String q, String category, String minPrice, String maxPrice, String sort,
                                       String page, String size) {
        QueryParameters parameters = new QueryParameters();
        List<String> words = List.of();
        if (!QueryParameters.isAbsent(q)) {
            if (q.length() > MAX_QUERY_LENGTH) {
                parameters.reject("q", "must be at most " + MAX_QUERY_LENGTH + " characters long");
            } else {
                words = words(q);
                if (words.isEmpty()) {
                    parameters.reject("q", "must contain a word of at least " + MIN_WORD_LENGTH
                            + " letters or digits");
                }
            }
        }
        Long categoryId = parameters.id("category", category);
        BigDecimal min = parameters.money("minPrice", minPrice);
        BigDecimal max = parameters.money("maxPrice", maxPrice);
        if (min != null && max != null && min.compareTo(max) > 0) {
            parameters.reject("minPrice", "must not be greater than maxPrice");
        }
        Sort order = words.isEmpty() ? Sort.NEWEST : Sort.RELEVANCE;
        if (!QueryParameters.isAbsent(sort)) {
            Optional<Sort> asked = Sort.of(sort.strip());
            if (asked.isEmpty()) {
                parameters.reject("sort", "must be one of " + Sort.allowed());
            } else if (asked.get() != Sort.RELEVANCE) {
                order = asked.get();
            }
        }
        int pageNumber = parameters.page(page);
        int pageSize = parameters.size(size);
        parameters.throwIfInvalid();
        return new SearchCriteria(words, categoryId, min, max, order, pageNumber, pageSize);
    }

    /** The distinct searchable words of {@code q}, lower-cased, in order, at most {@link #MAX_WORDS}. */
    static List<String> words(String q) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(q);
        while (matcher.find() && words.size() < MAX_WORDS) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            if (word.codePointCount(0, word.length()) >= MIN_WORD_LENGTH) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }

    public boolean hasKeywords() {
        return !words.isEmpty();
    }

    /** The AGAINST argument: every word an optional prefix term. Bound as a parameter, never spliced into SQL. */
    public String booleanQuery() {
        return words.stream().map(word -> word + "*").collect(Collectors.joining(" "));
    }

    public long offset() {
        return (long) page * size;
    }
}
