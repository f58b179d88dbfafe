package se.stockholm.brottsofferstod.intake;

import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import se.stockholm.brottsofferstod.cases.CaseNotFoundException;
import se.stockholm.brottsofferstod.cases.CaseRuleException;
import se.stockholm.brottsofferstod.cases.InvalidCaseRequestException;
import se.stockholm.brottsofferstod.statistics.InvalidPeriodException;
import tools.jackson.core.JacksonException;

/** Problem+json for the Spring MVC endpoints, naming the offending field (the Camel endpoints use {@link Problems}). */
@RestControllerAdvice
class ApiProblems {

    @ExceptionHandler(CaseNotFoundException.class)
    ProblemDetail notFound(CaseNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(CaseRuleException.class)
    ProblemDetail refused(CaseRuleException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail changedMeanwhile(OptimisticLockingFailureException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The case was changed by someone else at the same moment; nothing was saved, please try again");
    }

    @ExceptionHandler(InvalidCaseRequestException.class)
    ProblemDetail invalid(InvalidCaseRequestException e) {
        return badRequest(e.field(), e.getMessage());
    }

    /** Typed as problem+json whatever the client accepted (the statistics also answer CSV and HTML). */
    @ExceptionHandler(InvalidPeriodException.class)
    ResponseEntity<ProblemDetail> invalidPeriod(InvalidPeriodException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(badRequest(e.field(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream().map(JacksonException.Reference::getPropertyName).filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            return badRequest(field, field + ": has the wrong form (dates as 2026-11-25T18:30:00+01:00)");
        }
        return badRequest(null, "The body is not well-formed JSON");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return badRequest(e.getParameterName(), e.getParameterName() + ": is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameter(MethodArgumentTypeMismatchException e) {
        return badRequest(e.getName(), e.getName() + ": has the wrong form");
    }

    private static ProblemDetail badRequest(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
