package dev.mall.platform.problem;

import jakarta.ws.rs.core.Response;

/**
 * An expected business outcome that ends the request with a problem+json answer (sold out, wrong state, not yours).
 * Domains subclass it with a fixed slug and status; {@link ProblemExceptionMapper} renders it in one place. Being
 * unchecked, it rolls back the surrounding {@code @Transactional} use case, so a refused request changes nothing.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Jakarta REST's Response.Status has no 422. */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    private final transient Problem problem;

    public ProblemException(String slug, String title, Response.StatusType status, String detail) {
        this(Problem.of(slug, title, status, detail));
    }

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 404 for anything missing or not the caller's: the two must look the same (docs/API.md "Errors"). */
    public static ProblemException notFound(String what) {
        return new ProblemException("not-found", "Not found", Response.Status.NOT_FOUND, what + " does not exist.");
    }

    /** 400 naming the fields that are wrong, like a Bean Validation failure (for checks annotations cannot express). */
    public static ProblemException invalid(java.util.List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("validation", "Invalid request", Response.Status.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field(s).").withErrors(errors));
    }

    /** 422: the request is well-formed but breaks a business rule (docs/API.md "Errors"). */
    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(slug, title, UNPROCESSABLE_CONTENT, detail);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(slug, title, Response.Status.CONFLICT, detail);
    }
}
