package dev.mall.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {

    @Test
    void withoutParametersTheNewestProductsComeFirstTwentyAPage() {
        SearchCriteria criteria = SearchCriteria.parse(null, null, null, null, null, null, null);
        assertThat(criteria.hasKeywords()).isFalse();
        assertThat(criteria.sort()).isEqualTo(SearchCriteria.Sort.NEWEST);
        assertThat(criteria.page()).isZero();
        assertThat(criteria.size()).isEqualTo(20);
        assertThat(criteria.categoryId()).isNull();
        assertThat(criteria.minPrice()).isNull();
        assertThat(criteria.maxPrice()).isNull();
    }

    @Test
    void keywordsSortByRelevanceUnlessAskedOtherwise() {
        assertThat(SearchCriteria.parse("green tea", null, null, null, null, null, null).sort())
                .isEqualTo(SearchCriteria.Sort.RELEVANCE);
        assertThat(SearchCriteria.parse("green tea", null, null, null, "price_desc", null, null).sort())
                .isEqualTo(SearchCriteria.Sort.PRICE_DESC);
        assertThat(SearchCriteria.parse(null, null, null, null, "relevance", null, null).sort())
                .as("nothing to rank by").isEqualTo(SearchCriteria.Sort.NEWEST);
    }

    @Test
    void everySortIsKnownByItsParameter() {
        for (SearchCriteria.Sort sort : SearchCriteria.Sort.values()) {
            assertThat(SearchCriteria.parse("tea", null, null, null, sort.parameter(), null, null).sort()).isEqualTo(sort);
        }
        assertThat(SearchCriteria.Sort.of("PRICE_ASC")).isEmpty();
    }

    @Test
    void allParametersAreRead() {
        SearchCriteria criteria = SearchCriteria.parse("assam", "12", "5", "20.5", "price_asc", "3", "50");
        assertThat(criteria.words()).containsExactly("assam");
        assertThat(criteria.categoryId()).isEqualTo(12L);
        assertThat(criteria.minPrice()).hasToString("5.00");
        assertThat(criteria.maxPrice()).hasToString("20.50");
        assertThat(criteria.sort()).isEqualTo(SearchCriteria.Sort.PRICE_ASC);
        assertThat(criteria.offset()).isEqualTo(150);
    }

    @Test
    void anEqualMinimumAndMaximumIsOneExactPrice() {
        SearchCriteria criteria = SearchCriteria.parse(null, null, "9.90", "9.9", null, null, null);
        assertThat(criteria.minPrice()).isEqualByComparingTo(criteria.maxPrice());
    }

    @Test
    void keywordsBecomeOptionalPrefixTermsWithoutOperators() {
        SearchCriteria criteria = SearchCriteria.parse("  +Earl-Grey \"TEA\" (tea) ~bergamot* @3 <x> ", null, null,
                null, null, null, null);
        assertThat(criteria.words()).containsExactly("earl", "grey", "tea", "bergamot");
        assertThat(criteria.booleanQuery()).isEqualTo("earl* grey* tea* bergamot*");
    }

    @Test
    void wordsShorterThanTheIndexTokenSizeAreDroppedAndTheNumberOfWordsIsBounded() {
        assertThat(SearchCriteria.words("a an tea of Pu-erh 500g")).containsExactly("tea", "erh", "500g");
        assertThat(SearchCriteria.words("Grüner Tee für Sie")).containsExactly("grüner", "tee", "für", "sie");
        assertThat(SearchCriteria.words("one two six ten abc def ghi jkl mno pqr stu vwx"))
                .hasSize(SearchCriteria.MAX_WORDS).startsWith("one").endsWith("pqr");
    }

    @Test
    void invalidParametersAreAllNamedInOneProblem() {
        assertThat(errorFields(() -> SearchCriteria.parse("x".repeat(201), "-1", "-5", "abc", "cheapest", "-1",
                "1000"))).containsExactly("q", "category", "minPrice", "maxPrice", "sort", "page", "size");
    }

    @Test
    void aQueryWithoutAnySearchableWordIsRefused() {
        assertThat(errors(() -> SearchCriteria.parse("a b ++", null, null, null, null, null, null)))
                .containsExactly(new Problem.FieldError("q", "must contain a word of at least 3 letters or digits"));
    }

    @Test
    void theMinimumMustNotExceedTheMaximum() {
        assertThat(errors(() -> SearchCriteria.parse(null, null, "20", "10", null, null, null)))
                .containsExactly(new Problem.FieldError("minPrice", "must not be greater than maxPrice"));
    }

    @Test
    void sizeIsOneToAHundred() {
        assertThat(SearchCriteria.parse(null, null, null, null, null, null, "1").size()).isEqualTo(1);
        assertThat(SearchCriteria.parse(null, null, null, null, null, null, "100").size()).isEqualTo(100);
        assertThat(errorFields(() -> SearchCriteria.parse(null, null, null, null, null, null, "101"))).containsExactly("size");
        assertThat(errorFields(() -> SearchCriteria.parse(null, null, null, null, null, null, "0"))).containsExactly("size");
        assertThat(errorFields(() -> SearchCriteria.parse(null, null, null, null, null, "x", "twenty")))
                .containsExactly("page", "size");
    }

    @Test
    void theUnknownSortMessageListsTheAllowedOnes() {
        assertThat(errors(() -> SearchCriteria.parse(null, null, null, null, "popular", null, null)))
                .containsExactly(new Problem.FieldError("sort", "must be one of relevance, price_asc, price_desc, newest"));
    }

    private static List<String> errorFields(Runnable call) {
        return errors(call).stream().map(Problem.FieldError::field).toList();
    }

    private static List<Problem.FieldError> errors(Runnable call) {
        ProblemException[] thrown = new ProblemException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> thrown[0] = e);
        assertThat(thrown[0].problem().status()).isEqualTo(400);
        return thrown[0].problem().errors();
    }
}
