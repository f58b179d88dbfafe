package se.stockholm.brottsofferstod.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at /v3/api-docs: springdoc describes the Spring MVC endpoints and the actuator; the Camel REST
 * endpoints (police referrals, SMS webhooks), which springdoc cannot see, are added here from Camel's own REST
 * definitions; request and response examples come from the contract.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    /** Where Camel's servlet serves each REST verb (HttpIntakeConfiguration), by the verb's id in routes/. */
    static final Map<String, String> CAMEL_PATHS = Map.of(
            "post-police-referrals", "/api/referrals/police",
            "post-sms-46elks", "/webhooks/sms/46elks",
            "post-sms-twilio", "/webhooks/sms/twilio");

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BASIC = "basic";
    private static final String BEARER = "bearer";

    @Bean
    OpenAPI intakeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Brottsofferstöd intake").version("1")
                        .description("Police referrals, SMS webhooks, the staff API, statistics, the dead-letter desk and the"
                                + " operations endpoints of the crime-victim support intake (see the contract)."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("the police client's API key")));
    }

    @Bean
    OpenApiCustomizer camelRestEndpoints(CamelContext camel) {
        return openApi -> {
            for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    String path = CAMEL_PATHS.getOrDefault(verb.getId(), join(rest.getPath(), verb.getPath()));
                    Operation operation = camelOperation(rest, verb);
                    PathItem item = openApi.getPaths().computeIfAbsent(path, p -> new PathItem());
                    item.operation(PathItem.HttpMethod.valueOf(verb.asVerb().toUpperCase(java.util.Locale.ROOT)), operation);
                }
            }
            contractExamples(openApi);
        };
    }

    private static Operation camelOperation(RestDefinition rest, VerbDefinition verb) {
        Operation operation = new Operation().operationId(verb.getId()).addTagsItem("intake (Camel REST)")
                .summary(rest.getDescriptionText());
        String consumes = verb.getConsumes() != null ? verb.getConsumes() : "application/json";
        String produces = verb.getProduces() != null ? verb.getProduces() : "application/json";
        operation.requestBody(new RequestBody().required(true).content(new Content().addMediaType(consumes,
                new MediaType().schema(new ObjectSchema()))));
        ApiResponses responses = new ApiResponses();
        switch (verb.getId() == null ? "" : verb.getId()) {
            case "post-police-referrals" -> {
                operation.description("One referral (object) or a batch (array), HTTP Basic or the police client's bearer key."
                        + " Validated as a whole; 202 with a result per referral (ACCEPTED, DUPLICATE, NO_CONSENT).");
                operation.getRequestBody().getContent().get(consumes)
                        .addExamples("adult", new io.swagger.v3.oas.models.examples.Example()
                                .summary("an adult in Farsta with a personnummer").value(exampleJson("police-referral-adult.json")))
                        .addExamples("minorWithoutConsent", new io.swagger.v3.oas.models.examples.Example()
                                .summary("no consent: only an anonymous count is kept").value(exampleJson("police-referral-minor-no-consent.json")));
                responses.addApiResponse("202", json(produces, "results per referral", Map.of("results", List.of(Map.of(
                        "referralId", "PM-STHLM-2024-000917", "status", "ACCEPTED", "caseReference", "BO-2026-000001")))));
                responses.addApiResponse("400", problem("the payload breaks the schema; nothing stored but the rejection record",
                        "referral 1 (PM-STHLM-2024-000917): person.gender: must be one of FEMALE, MALE, OTHER, UNKNOWN"));
                responses.addApiResponse("413", problem("the body is larger than intake.police.max-body-size",
                        "the body is larger than the limit; send the batch in smaller parts"));
                operation.addSecurityItem(new SecurityRequirement().addList(BASIC)).addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
            case "post-sms-46elks" -> {
                operation.description("46elks' SMS webhook, HTTP Basic as the SMS_GATEWAY user; the answer is the chatbot's reply.");
                operation.getRequestBody().getContent().get(consumes).example(Map.of("id", "sf8425555e5d8db61dda7a7b3f1b91bdb",
                        "from", "+46701234567", "to", "+46766861004", "message", "Hej, jag är 34 och bor i Hökarängen.",
                        "direction", "incoming", "created", "2026-11-25 18:30:00.000000"));
                responses.addApiResponse("200", text(produces, "the chatbot's reply, sent by 46elks",
                        "Tack! Hur gammal är du? Du behöver inte säga ditt personnummer."));
                operation.addSecurityItem(new SecurityRequirement().addList(BASIC));
            }
            case "post-sms-twilio" -> {
                operation.description("Twilio's SMS webhook, checked by X-Twilio-Signature over intake.sms.twilio.public-url;"
                        + " a bad or missing signature gets 403. The answer is TwiML.");
                operation.getRequestBody().getContent().get(consumes).example(Map.of("MessageSid", "SM1f0e8ae6ade43cb3c0ce4525424e404f",
                        "From", "+46701234567", "To", "+46766861004", "Body", "Hi, I am 34 and live in Tensta."));
                responses.addApiResponse("200", text(produces, "TwiML with the chatbot's reply",
                        "<Response><Message>Thank you! How old are you?</Message></Response>"));
                responses.addApiResponse("403", problem("bad or missing X-Twilio-Signature", "signature does not match"));
            }
            default -> responses.addApiResponse("200", new ApiResponse().description("answered by the Camel route " + verb.getId()));
        }
        responses.addApiResponse("503", problem("a failure on our side; nothing stored, send the same request again",
                "The request could not be stored completely just now; send the same request again later"));
        return operation.responses(responses);
    }

    /** The contract's bodies as examples on the staff API (contract section 5). */
    private static void contractExamples(OpenAPI openApi) {
        Map<String, Object> bodies = new LinkedHashMap<>();
        bodies.put("/api/cases/{reference}/contact-attempts", Map.of("at", "2026-11-25T18:30:00+01:00", "channel", "PHONE",
                "outcome", "NO_ANSWER"));
        bodies.put("/api/cases/{reference}/actions", Map.of("at", "2026-11-26T10:00:00+01:00", "type", "SUPPORT_CALL"));
        bodies.put("/api/cases/{reference}/links", Map.of("to", "stodcentrum", "reason", "the person is 19"));
        bodies.put("/api/cases/{reference}/close", Map.of("at", "2026-11-27T12:00:00+01:00", "outcome", "SUPPORT_GIVEN"));
        bodies.forEach((path, example) -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
            if (item != null && item.getPost() != null && item.getPost().getRequestBody() != null
                    && item.getPost().getRequestBody().getContent() != null) {
                item.getPost().getRequestBody().getContent().values().forEach(media -> media.example(example));
            }
        });
    }

    private static ApiResponse json(String mediaType, String description, Object example) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(mediaType, new MediaType().schema(new ObjectSchema()).example(example)));
    }

    private static ApiResponse text(String mediaType, String description, String example) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(mediaType, new MediaType().schema(new StringSchema()).example(example)));
    }

    private static ApiResponse problem(String description, String detail) {
        Schema<?> schema = new ObjectSchema();
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(schema).example(Map.of("type", "about:blank", "detail", detail))));
    }

    private static Object exampleJson(String name) {
        try (InputStream in = ApiDescription.class.getResourceAsStream("/contract/examples/" + name)) {
            return JsonMapper.builder().build().readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(String base, String path) {
        String joined = (base == null ? "" : base) + (path == null ? "" : path);
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
