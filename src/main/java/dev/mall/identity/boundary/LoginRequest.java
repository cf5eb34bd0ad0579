package dev.mall.identity.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/auth/login}. Only presence and size are checked here: whether the pair is right is the login's
 * answer (401), and the size bound keeps hashing cost per request fixed.
 */
@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotBlank(message = "must not be blank")
        @Size(max = 254, message = "must be at most 254 characters long")
        @Schema(example = "ann@example.org")
        String email,

        @NotEmpty(message = "must not be empty")
        @Size(max = 128, message = "must be at most 128 characters long")
        @Schema(example = "correct horse battery staple")
        String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
