package se.stockholm.brottsofferstod.intake;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

/**
 * The errors that never reach a controller (an unknown path, a method an endpoint does not take, what the servlet
 * container itself refuses) as problem+json, like every other error of the API, instead of Spring Boot's own error
 * document. Browsers asking for HTML still get Boot's error page.
 */
@Controller
class ApiErrors extends BasicErrorController {

    ApiErrors(ErrorAttributes errorAttributes, ObjectProvider<ErrorViewResolver> viewResolvers) {
        super(errorAttributes, new ErrorProperties(), viewResolvers.orderedStream().toList());
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        String detail = switch (status) {
            case NOT_FOUND -> "There is no such endpoint or resource.";
            case METHOD_NOT_ALLOWED -> "This endpoint does not take this method.";
            default -> status.getReasonPhrase() + ".";
        };
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.body(status.value(), detail, null));
    }
}
