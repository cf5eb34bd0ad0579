package dev.mall.identity.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/auth/register}. */
@Schema(name = "RegisterRequest")
public record RegisterRequest(
        @NotBlank(message = "must not be blank")
        @Email(message = "must be a valid email address")
        @Size(max = 254, message = "must be at most 254 characters long")
        @Schema(example = "ann@example.org", maxLength = 254)
        String email,

        @NotNull(message = "must not be missing")
        @Size(min = 8, max = 128, message = "must be 8 to 128 characters long")
        @Schema(example = "correct horse battery staple", minLength = 8, maxLength = 128)
        String password,

        @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters long")
        @Schema(example = "Ann", maxLength = 100)
        String displayName) {

    @Override
    public String toString() {
        // Records print every component; a password must not reach a log through a debug statement.
        return "RegisterRequest[email=" + email + ", displayName=" + displayName + "]";
    }
}
