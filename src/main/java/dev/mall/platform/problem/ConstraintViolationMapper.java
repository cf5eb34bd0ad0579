package dev.mall.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/** Bean Validation failures at the edge: 400 with one {@code errors} entry per violated field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return Problem.of("validation", "Invalid request", Response.Status.BAD_REQUEST,
                        "The request has " + errors.size() + " invalid field(s).")
                .withErrors(errors)
                .at(Problems.path(uriInfo))
                .toResponse();
    }

    /**
     * The client-facing name of the violated field. A violation inside a request body drops the method and
     * parameter ({@code create.request.items[0].quantity} reads {@code items[0].quantity}); a violation of a query
     * or path parameter itself reads as the parameter's name.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : nodes) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable() && !name.isEmpty()) {
                    name.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (node.getName() != null) {
                    name.append(name.isEmpty() ? "" : ".").append(node.getName());
                }
            }
        }
        if (!name.isEmpty()) {
            return name.toString();
        }
        return parameter != null ? parameter : "request";
    }
}
