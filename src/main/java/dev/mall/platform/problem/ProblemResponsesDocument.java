package dev.mall.platform.problem;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes the published OpenAPI document say what every error answer is, once for all operations instead of on each
 * annotation: an operation that requires a token may answer 401 (Liberty's REST security refuses a missing or bad
 * token before the resource runs) and 403 (a token without the operation's role), one that reads a body may answer
 * 400, and every 4xx/5xx answer is application/problem+json (the problem mappers). OpenApiContractIT holds the
 * server's real answers to this document. Registered by {@code mp.openapi.filter}.
 */
public class ProblemResponsesDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(ProblemResponsesDocument::describeErrors));
    }

    private static void describeErrors(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        boolean needsToken = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (needsToken && !responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description("No valid token"));
        }
        // Every operation that needs a token names the role it needs (@RolesAllowed): a valid token without it is 403.
        if (needsToken && !responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The token lacks the role this operation needs"));
        }
        // A body that is not JSON of the documented shape, or that fails validation (MalformedBodyMapper,
        // ConstraintViolationMapper), is 400 wherever the operation reads one.
        if (operation.getRequestBody() != null && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("A body that is not JSON of the documented shape, or that breaks its rules"));
        }
        for (Map.Entry<String, APIResponse> entry : Map.copyOf(responses.getAPIResponses()).entrySet()) {
            APIResponse response = entry.getValue();
            boolean error = entry.getKey().startsWith("4") || entry.getKey().startsWith("5");
            if (error && response.getRef() == null
                    && (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }
        }
    }
}
