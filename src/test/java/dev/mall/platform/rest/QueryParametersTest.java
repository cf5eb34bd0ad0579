package dev.mall.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void absentOrBlankValuesTakeTheFallback() {
        QueryParameters parameters = new QueryParameters();
        assertThat(parameters.integer("size", null, 20, 1, 100)).isEqualTo(20);
        assertThat(parameters.integer("size", " ", 20, 1, 100)).isEqualTo(20);
        assertThat(parameters.id("category", "")).isNull();
        assertThat(parameters.money("minPrice", null)).isNull();
        assertThat(parameters.hasErrors()).isFalse();
    }

    @Test
    void wholeNumbersMustParseAndBeInRange() {
        QueryParameters parameters = new QueryParameters();
        assertThat(parameters.integer("page", " 3 ", 0, 0, 10)).isEqualTo(3);
        parameters.integer("size", "1000", 20, 1, 100);
        parameters.integer("size", "0", 20, 1, 100);
        parameters.integer("page", "-1", 0, 0, 10);
        parameters.integer("page", "abc", 0, 0, 10);
        parameters.integer("page", "1.5", 0, 0, 10);
        parameters.integer("page", "99999999999999999999999", 0, 0, 10);
        parameters.integer("page", "9999999999999999999", 0, 0, 10);
        assertThat(parameters.errors()).hasSize(7)
                .allSatisfy(error -> assertThat(error.message()).startsWith("must be a whole number from"));
    }

    @Test
    void idsArePositiveWholeNumbers() {
        QueryParameters parameters = new QueryParameters();
        assertThat(parameters.id("category", "42")).isEqualTo(42L);
        assertThat(parameters.id("category", "0")).isNull();
        assertThat(parameters.id("category", "x")).isNull();
        assertThat(parameters.id("category", "99999999999999999999")).as("beyond long").isNull();
        assertThat(parameters.id("category", String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(parameters.errors()).extracting(Problem.FieldError::field)
                .containsExactly("category", "category", "category");
    }

    @Test
    void moneyIsANonNegativeAmountWithAtMostTwoDecimals() {
        QueryParameters parameters = new QueryParameters();
        assertThat(parameters.money("minPrice", "5")).isEqualByComparingTo("5").hasToString("5.00");
        assertThat(parameters.money("minPrice", "19.9")).hasToString("19.90");
        assertThat(parameters.money("minPrice", "0")).hasToString("0.00");
        assertThat(parameters.money("minPrice", "1.500")).as("trailing zeros are not precision").hasToString("1.50");
        assertThat(parameters.hasErrors()).isFalse();

        assertThat(parameters.money("minPrice", "-1")).isNull();
        assertThat(parameters.money("minPrice", "1.999")).isNull();
        assertThat(parameters.money("minPrice", "ten")).isNull();
        assertThat(parameters.money("minPrice", "1e3")).isNull();
        assertThat(parameters.money("minPrice", "12345678901")).isNull();
        assertThat(parameters.errors()).extracting(Problem.FieldError::message).containsExactly(
                "must not be negative", "must have at most 2 decimal places", "must be a decimal number such as 19.90",
                "must be a decimal number such as 19.90", "must be below 10000000000");
    }

    @Test
    void allErrorsAreReportedInOneProblem() {
        QueryParameters parameters = new QueryParameters();
        parameters.integer("size", "1000", 20, 1, 100);
        parameters.money("maxPrice", "-3");
        assertThatThrownBy(parameters::throwIfInvalid)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                            .containsExactly("size", "maxPrice");
                });
    }
}
