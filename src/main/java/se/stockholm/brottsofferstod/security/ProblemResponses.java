package se.stockholm.brottsofferstod.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import se.stockholm.brottsofferstod.intake.Problems;

/**
 * 401, 403 and the firewall's 400 as problem+json (contract: every error is RFC 9457), with the Basic challenge for
 * machine clients.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"brottsofferstod-intake\"");
            write(response, 401, "Valid credentials are required for this endpoint.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) ->
                write(response, 403, "This user's role may not use this endpoint.");
    }

    /**
     * A request the firewall refuses (a double slash, a path parameter, an encoded dot segment): 400, as problem+json
     * like every other error, instead of Spring Boot's error document. Nothing of the request is echoed.
     */
    static RequestRejectedHandler rejected() {
        return (request, response, exception) -> {
            if (!response.isCommitted()) {
                write(response, 400, "The request's path is not one this service accepts (e.g. a double slash, a path"
                        + " parameter or a dot segment).");
            }
        };
    }

    private static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problems.json(Problems.body(status, detail, null)));
    }
}
