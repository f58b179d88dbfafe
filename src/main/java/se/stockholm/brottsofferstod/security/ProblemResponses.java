package se.stockholm.brottsofferstod.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import se.stockholm.brottsofferstod.intake.Problems;

/** 401 and 403 as problem+json (contract: every error is RFC 9457), with the Basic challenge for machine clients. */
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

    private static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problems.json(Problems.body(status, detail, null)));
    }
}
