package dev.mall.identity.boundary;

import dev.mall.identity.entity.Customer;
import dev.mall.identity.entity.Role;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's own account; roles as the database has them now, which a token issued earlier may lag behind. */
@Schema(name = "Profile")
public record ProfileResponse(long id, String email, String displayName, List<String> roles) {

    static ProfileResponse of(Customer customer) {
        List<String> roles = customer.roles().stream().map(Role::groupName).sorted().toList();
        return new ProfileResponse(customer.id(), customer.email(), customer.displayName(), roles);
    }
}
