package dev.mall.payment.control;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The gateway's callback body (docs/API.md "Payments"). */
public record PaymentCallback(
        @Schema(example = "17") @NotNull @Positive Long paymentId,
        @Schema(example = "mock-4f0c7c2e-8d1b-4c55-a0a4-1f3a6c9b2e11") @NotBlank @Size(max = 100) String providerTxnId,
        @Schema(example = "42") @NotNull @Positive Long orderId,
        @Schema(example = "29.80") @NotNull @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @Schema(example = "SUCCESS") @NotNull @Pattern(regexp = "SUCCESS|FAILURE", message = "must be SUCCESS or FAILURE") String outcome) {
}
