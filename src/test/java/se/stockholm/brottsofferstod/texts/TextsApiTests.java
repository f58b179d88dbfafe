package se.stockholm.brottsofferstod.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TextsApiTests extends IntakeIntegrationTest {

    @Autowired
    JsonMapper json;

    @Test
    void theCoordinatorSeesEveryTextNoSpeakerHasReviewedWithItsAuthor() {
        HttpResponse<String> response = get("/api/texts/unreviewed", "samordnare", "coord-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(response.body());
        List<String> entries = new ArrayList<>();
        list.forEach(e -> entries.add(e.path("kind").asString() + ":" + e.path("language").asString()));
        for (String kind : List.of("words", "chatbot", "email")) {
            for (String language : List.of("ar", "fa", "so", "ti", "fi", "pl", "es", "uk")) {
                assertThat(entries).contains(kind + ":" + language);
            }
        }
        list.forEach(e -> assertThat(e.path("author").asString()).isNotBlank());
        assertThat(list.toString()).contains("machine-drafted, not reviewed");
    }

    @Test
    void staffMayNotReadTheList() {
        assertThat(get("/api/texts/unreviewed", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
    }
}
