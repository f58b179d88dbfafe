package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request Spring Security's firewall refuses (a double slash, a path parameter, a dot segment), an unknown path and
 * a method an endpoint does not take are answered as every other error of the API is: problem+json with its status,
 * not Spring Boot's own error document.
 */
class RejectedRequestTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"//api/cases", "/api//cases", "/api/cases;x=1", "/api/cases/%2e%2e/cases"})
    void aRequestTheFirewallRefusesIsAProblemDocument(String path) {
        HttpResponse<String> response = get(path, "samordnare", "coord-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.has("timestamp")).as("Spring Boot's error document").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/cases/BO-2026-000001/no-such-thing", "/api/cases/BO-2026-000001/links/x/y"})
    void anUnknownApiPathIsAProblemDocument(String path) {
        HttpResponse<String> response = get(path, "samordnare", "coord-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).has("timestamp")).as("Spring Boot's error document").isFalse();
    }

    @org.junit.jupiter.api.Test
    void aMethodTheApiDoesNotTakeIsAProblemDocument() {
        HttpResponse<String> response = post("/api/cases/BO-2026-000001", "{}", "samordnare", "coord-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).has("timestamp")).as("Spring Boot's error document").isFalse();
    }
}
