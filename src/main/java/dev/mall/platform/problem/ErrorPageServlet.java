package dev.mall.platform.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** The web container's error page (web.xml): statuses raised outside the REST layer, written as problem+json. */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        Response.StatusType type = Response.Status.fromStatusCode(status);
        Problem problem = switch (status) {
            case 404 -> Problem.of("not-found", "Not found", type, "No resource exists at this path.");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", type,
                    "This path does not support the HTTP method used.");
            default -> Problem.of("server-error", "Server error", type != null ? type : Response.Status.INTERNAL_SERVER_ERROR,
                    "The request could not be completed.");
        };
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problem = problem.at(uri != null ? uri.toString() : request.getRequestURI());
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSONB.toJson(problem));
    }
}
