package se.stockholm.brottsofferstod.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import se.stockholm.brottsofferstod.cases.CaseNotFoundException;
import se.stockholm.brottsofferstod.cases.CaseRuleException;
import se.stockholm.brottsofferstod.statistics.InvalidPeriodException;

/**
 * The pages' answers when a case cannot be shown: a plain page that says as little as the API's 404 does. Ordered
 * before the API's problem+json advice, which would otherwise answer the pages too.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(CaseNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "web/not-found";
    }

    @ExceptionHandler(CaseRuleException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String refused() {
        return "web/refused";
    }

    @ExceptionHandler(InvalidPeriodException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badPeriod() {
        return "web/refused";
    }
}
