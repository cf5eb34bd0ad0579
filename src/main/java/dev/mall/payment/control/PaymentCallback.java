package dev.mall.payment.control;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The gateway's callback body (API.md "Payments"). */
public record PaymentCallback(
        @NotNull @Positive Long paymentId,
        @NotBlank @Size(max = 100) String providerTxnId,
        @NotNull @Positive Long orderId,
        @NotNull @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "SUCCESS|FAILURE", message = "must be SUCCESS or FAILURE") String outcome) {
}
