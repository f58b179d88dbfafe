package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document describes every HTTP endpoint the service maps, Spring MVC and Camel REST alike. */
class ApiDescriptionTests extends IntakeIntegrationTest {

    /** Not endpoints of the service's API: Boot's error page and the document itself. */
    private static final Set<String> NOT_THE_API = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/{group}",
            "/v3/api-docs/swagger-config");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mvc;

    @Autowired
    private CamelContext camel;

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode document() {
        HttpResponse<String> response = get("/v3/api-docs", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The staff pages answer browsers with HTML views, not the API's data: they are not in the API's description. */
    private static boolean isPage(HandlerMethod handler) {
        return !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                && !handler.hasMethodAnnotation(ResponseBody.class);
    }

    @Test
    void everySpringMvcEndpointIsDescribed() {
        JsonNode paths = document().path("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var handler : mvc.getHandlerMethods().entrySet()) {
            if (isPage(handler.getValue())) {
                continue;
            }
            RequestMappingInfo mapping = handler.getKey();
            Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
            for (String path : mapping.getPatternValues()) {
                if (NOT_THE_API.contains(path)) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    checked++;
                    if (paths.path(path).path(method.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(method + " " + path);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(missing).isEmpty();
        assertThat(paths.path("/api/dead-letters/{id}/replay").path("post").isMissingNode()).isFalse();
        assertThat(paths.path("/api/dead-letters/{id}").path("delete").isMissingNode()).isFalse();
    }

    @Test
    void everyCamelRestEndpointIsDescribedUnderItsPublicPathWithTheContractsExamples() {
        JsonNode paths = document().path("paths");
        List<VerbDefinition> verbs = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            verbs.addAll(rest.getVerbs());
        }
        assertThat(verbs).hasSizeGreaterThanOrEqualTo(3);
        for (VerbDefinition verb : verbs) {
            assertThat(ApiDescription.CAMEL_PATHS).as("public path of Camel REST verb " + verb.getId()).containsKey(verb.getId());
            JsonNode operation = paths.path(ApiDescription.CAMEL_PATHS.get(verb.getId())).path(verb.asVerb());
            assertThat(operation.path("operationId").asString()).isEqualTo(verb.getId());
        }
        JsonNode police = paths.path("/api/referrals/police").path("post");
        assertThat(police.path("requestBody").toString()).contains("PM-STHLM-2024-000917", "contactConsent");
        assertThat(police.path("responses").path("202").toString()).contains("ACCEPTED", "caseReference");
        assertThat(police.path("responses").path("400").toString()).contains("application/problem+json");
        assertThat(paths.path("/webhooks/sms/twilio").path("post").path("responses").path("403").isMissingNode()).isFalse();
    }

    @Test
    void theOperationsEndpointsAreDescribedAndTheDocumentIsOpen() {
        JsonNode document = document();
        assertThat(document.path("paths").path("/actuator/health").path("get").isMissingNode()).isFalse();
        assertThat(document.path("paths").path("/actuator/prometheus").path("get").isMissingNode()).isFalse();
        assertThat(document.path("paths").path("/api/cases/{reference}/contact-attempts").path("post").toString())
                .contains("NO_ANSWER");
        assertThat(post("/v3/api-docs", "{}", null, null).statusCode()).isIn(401, 403, 405);
    }
}
