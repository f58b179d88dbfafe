package se.stockholm.brottsofferstod.intake;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.core.JacksonException;

/**
 * Problem+json for the Spring MVC endpoints, naming the offending field (the bodies are built by {@link Problems}).
 * Features refuse a request by throwing their kind of {@link RefusedException}; this advice knows none of them.
 */
@RestControllerAdvice
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final String retryAfterSeconds;

    ApiProblems(@Value("${intake.http.retry-after-seconds}") int retryAfterSeconds) {
        this.retryAfterSeconds = String.valueOf(retryAfterSeconds);
    }

    /**
     * The database or the broker away (no connection, a pool timeout, a connection lost mid-way): 503 with
     * Retry-After, never 500; nothing was saved and the same request may be sent again.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class, JmsException.class})
    ResponseEntity<Map<String, Object>> unavailable(Exception e) {
        log.warn("Answered 503, the database or the broker is away: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(503, "The service cannot reach its database or broker just now; nothing was saved, please send"
                        + " the same request again later", null));
    }

    /** Typed as problem+json whatever the client accepted (the statistics also answer CSV and HTML). */
    @ExceptionHandler(RefusedException.class)
    ResponseEntity<Map<String, Object>> refused(RefusedException e) {
        return problem(e.status(), e.getMessage(), e.field());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> changedMeanwhile(OptimisticLockingFailureException e) {
        return problem(409, "The case was changed by someone else at the same moment; nothing was saved, please try again", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream().map(JacksonException.Reference::getPropertyName).filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            return problem(400, field + ": has the wrong form (dates as 2026-11-25T18:30:00+01:00)", field);
        }
        return problem(400, "The body is not well-formed JSON", null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return problem(400, e.getParameterName() + ": is required", e.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> wrongParameter(MethodArgumentTypeMismatchException e) {
        return problem(400, e.getName() + ": has the wrong form", e.getName());
    }

    private static ResponseEntity<Map<String, Object>> problem(int status, String detail, String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.body(status, detail, field));
    }
}
