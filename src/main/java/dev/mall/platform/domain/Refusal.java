package dev.mall.platform.domain;

import java.util.List;

/**
 * A business rule refused the request (sold out, wrong state, not yours), said in the domain's words: a reason such
 * as {@code sold-out} or {@code order-state} and a detail for the caller, nothing about HTTP. Control and entity code
 * throws these (or subclasses that name a rule, like {@code IllegalTransition}); {@code platform.problem.ProblemCatalogue}
 * is the one place that turns a reason into a problem+json answer (type, title, status). Being unchecked, a refusal
 * rolls back the surrounding transaction, so a refused request changes nothing.
 */
public class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Something asked for is missing, or is not the caller's: the two must look the same. */
    public static final String NOT_FOUND = "not-found";
    /** Fields of the request break rules that annotations cannot express; {@link #fields()} names them. */
    public static final String INVALID = "validation";

    /** One field of the request and what is wrong with it. */
    public record Field(String name, String message) {
    }

    private final String reason;
    private final transient List<Field> fields;

    public Refusal(String reason, String detail) {
        this(reason, detail, List.of());
    }

    private Refusal(String reason, String detail, List<Field> fields) {
        super(detail, null, false, false);
        this.reason = reason;
        this.fields = List.copyOf(fields);
    }

    /** The rule that refused, e.g. {@code sold-out}; the catalogue's key. */
    public String reason() {
        return reason;
    }

    /** For {@link #INVALID}: the fields that are wrong; empty otherwise. */
    public List<Field> fields() {
        return fields;
    }

    public static Refusal notFound(String what) {
        return new Refusal(NOT_FOUND, what + " does not exist.");
    }

    public static Refusal invalid(List<Field> fields) {
        return new Refusal(INVALID, "The request has " + fields.size() + " invalid field(s).", fields);
    }

    public static Refusal invalid(String field, String message) {
        return invalid(List.of(new Field(field, message)));
    }
}
