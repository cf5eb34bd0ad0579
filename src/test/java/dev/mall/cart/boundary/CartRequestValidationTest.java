package dev.mall.cart.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.cart.entity.CartItem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CartRequestValidationTest {

    private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void aQuantityIsZeroToAThousand() {
        assertThat(violations(0)).isEmpty();
        assertThat(violations(1)).isEmpty();
        assertThat(violations(1000)).isEmpty();
        assertThat(violations(-1)).containsExactly("quantity");
        assertThat(violations(1001)).containsExactly("quantity");
        assertThat(violations(null)).containsExactly("quantity");
    }

    @Test
    void aCartLineHoldsOneToAThousandUnits() {
        assertThat(CartItem.checkQuantity(1)).isEqualTo(1);
        assertThat(CartItem.checkQuantity(1000)).isEqualTo(1000);
        assertThatThrownBy(() -> CartItem.checkQuantity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CartItem.checkQuantity(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> violations(Integer quantity) {
        return factory.getValidator().validate(new CartResource.CartQuantity(quantity)).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).toList();
    }
}
