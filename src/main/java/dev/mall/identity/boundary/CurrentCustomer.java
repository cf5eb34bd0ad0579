package dev.mall.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of the current request, as the verified MP-JWT names it: {@code sub} is the customer's id.
 * Other domains ask this for "who is buying" and never parse tokens themselves.
 */
@RequestScoped
public class CurrentCustomer {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";

    @Inject
    JsonWebToken token;

    /** The caller's customer id; 401 if the request carries no verified token. */
    public long id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null) {
            throw new NotAuthorizedException("Bearer");
        }
        try {
            return Long.parseLong(subject);
        } catch (NumberFormatException e) {
            throw new NotAuthorizedException("Bearer");
        }
    }

    public boolean isAdmin() {
        return token != null && token.getGroups() != null && token.getGroups().contains(ADMIN);
    }
}
