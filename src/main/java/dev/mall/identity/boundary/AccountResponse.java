package dev.mall.identity.boundary;

import dev.mall.identity.entity.Customer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The account a registration created. */
@Schema(name = "Account")
public record AccountResponse(long id, String email, String displayName) {

    static AccountResponse of(Customer customer) {
        return new AccountResponse(customer.id(), customer.email(), customer.displayName());
    }
}
