package dev.mall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConstraintViolationMapperTest {

    record Line(@NotBlank String skuId, @Positive int quantity) {
    }

    record PlaceOrder(@NotEmpty List<@Valid @NotNull Line> items) {
    }

    static class Resource {
        public void place(@Valid @NotNull PlaceOrder request, @Max(100) int size) {
        }
    }

    private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void fieldsInsideTheBodyAreNamedFromTheBodyRoot() throws Exception {
        PlaceOrder body = new PlaceOrder(List.of(new Line(UUID.randomUUID().toString(), 1), new Line(" ", 0)));

        assertThat(violatedFields(body, 1)).containsExactlyInAnyOrder("items[1].skuId", "items[1].quantity");
    }

    @Test
    void aViolatedQueryParameterIsNamedByItsParameterName() throws Exception {
        PlaceOrder body = new PlaceOrder(List.of(new Line(UUID.randomUUID().toString(), 2)));

        assertThat(violatedFields(body, 1000)).containsExactly("size");
    }

    @Test
    void aMissingBodyIsNamedByTheParameter() throws Exception {
        assertThat(violatedFields(null, 1)).containsExactly("request");
    }

    private List<String> violatedFields(PlaceOrder body, int size) throws NoSuchMethodException {
        Method place = Resource.class.getMethod("place", PlaceOrder.class, int.class);
        Set<ConstraintViolation<Resource>> violations = factory.getValidator().forExecutables()
                .validateParameters(new Resource(), place, new Object[] {body, size});
        return violations.stream().map(ConstraintViolationMapper::fieldName).toList();
    }
}
