package dev.mall.platform.problem;

import dev.mall.platform.domain.Refusal;
import jakarta.ws.rs.core.Response;

/**
 * A problem+json answer raised by the HTTP layer itself (boundary resources and platform filters: a malformed body, a
 * bad signature, a missing header); {@link ProblemExceptionMapper} renders it. Domain code never uses it: it throws a
 * {@link Refusal}, which {@link ProblemCatalogue} renders. Being unchecked, it rolls back a surrounding transaction.
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
        return new ProblemException(ProblemCatalogue.problemOf(Refusal.notFound(what)));
    }

    /** 400 for a body that is not JSON of the documented shape (the same answer as {@link MalformedBodyMapper}'s). */
    public static ProblemException malformedBody() {
        return new ProblemException(MalformedBodyMapper.problem());
    }

    /** 400 naming the fields that are wrong, like a Bean Validation failure (for checks annotations cannot express). */
    public static ProblemException invalid(java.util.List<Problem.FieldError> errors) {
        return new ProblemException(ProblemCatalogue.problemOf(Refusal.invalid(errors.stream()
                .map(error -> new Refusal.Field(error.field(), error.message())).toList())));
    }
}
