package dev.mall.identity.entity;

import dev.mall.platform.domain.Refusal;

/**
 * A registration for an email address that has an account already (409 {@code email-taken}). Unchecked, so that the
 * surrounding transaction rolls back: after a unique-key violation the persistence context cannot commit anyway.
 */
public class EmailAlreadyRegistered extends Refusal {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyRegistered() {
        // No address in the message: it would end up in logs, and the caller knows which one it sent.
        super("email-taken", "An account with this email address exists already.");
    }
}
