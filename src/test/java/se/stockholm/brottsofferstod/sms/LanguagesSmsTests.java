package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole SMS conversations in Arabic, Somali and Ukrainian through the 46elks webhook: replies in the person's
 * language, the case on the right queue with the language on the case and on its queue message, an emergency
 * answered first and the case urgent.
 */
class LanguagesSmsTests extends IntakeIntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("BO-\\d{4}-\\d{6}");

    @Autowired
    JsonMapper json;

    private static String newPhone() {
        return "+4673" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private String say(String from, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "lang" + Examples.unique());
        fields.put("from", from);
        fields.put("to", "+46766861004");
        fields.put("message", message);
        fields.put("created", "2026-11-25 14:00:00.000000");
        fields.put("direction", "incoming");
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> response = postForm("/webhooks/sms/46elks", String.join("&", pairs).getBytes(StandardCharsets.UTF_8),
                "elks-webhook", "elks-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SmsSegments.count(response.body())).as(response.body()).isLessThanOrEqualTo(SmsSegments.MAX_SEGMENTS);
        return response.body();
    }

    private static String reference(String confirmation) {
        Matcher m = REFERENCE.matcher(confirmation);
        assertThat(m.find()).as(confirmation).isTrue();
        return m.group();
    }

    private JsonNode staffView(String reference) {
        HttpResponse<String> response = get("/api/cases/" + reference, "samordnare", "coord-secret");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void anArabicConversationIsAnsweredInArabicAndReachesTheJourWithArabicAndAnInterpreterOnTheCase() {
        String phone = newPhone();

        assertThat(say(phone, "مرحبا، زوجي يضربني منذ شهور وأحتاج من يساعدني")).contains("كم عمرك؟").contains("3 عربي");
        assertThat(say(phone, "عمري 34 سنة")).contains("أين تسكن؟");
        assertThat(say(phone, "Hökarängen")).contains("هل يمكننا الاتصال بك");
        // the first message told what happened: no story question
        String confirmation = say(phone, "نعم في المساء");

        assertThat(confirmation).contains("شكرا").contains("Brottsofferjouren Södra Stockholm").contains("سيتصلون مساء");
        String reference = reference(confirmation);
        QueuedCase queued = awaitQueued("cases.boj-sodra-stockholm", reference);
        assertThat(queued.language()).isEqualTo("ar");
        assertThat(queued.urgent()).isFalse();
        assertThat(queued.priority()).isEqualTo(4);
        assertThat(storedCase(reference)).containsEntry("PREFERRED_LANGUAGE", "ar").containsEntry("INTERPRETER_NEEDED", true)
                .containsEntry("URGENT", false);
        JsonNode person = staffView(reference).path("person");
        assertThat(person.path("preferredLanguage").asString()).isEqualTo("ar");
        assertThat(person.path("interpreterNeeded").asBoolean()).isTrue();

        String day = jdbc.queryForObject("SELECT received_at FROM support_case WHERE case_reference = ?",
                java.time.OffsetDateTime.class, reference).toInstant()
                .atZone(java.time.ZoneId.of("Europe/Stockholm")).toLocalDate().toString();
        JsonNode statistics = json.readTree(get("/api/statistics/languages?from=" + day + "&to=" + day, "samordnare", "coord-secret").body());
        assertThat(statistics.path("casesByLanguage").path("ar").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(statistics.path("interpreterNeeded").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSomaliConversationIsAnsweredInSomaliAndAYoungPersonReachesStodcentrumWithSomaliOnTheCase() {
        String phone = newPhone();

        assertThat(say(phone, "Salaan, waxaa i garaacay ninkaygii hore, waxaan u baahanahay caawimaad")).contains("Imisa jir baad tahay?");
        assertThat(say(phone, "Waxaan ahay 19 jir")).contains("Xagee degan tahay?");
        assertThat(say(phone, "Rinkeby")).contains("Ma ku soo wici karnaa");
        String confirmation = say(phone, "haa maalintii");

        assertThat(confirmation).contains("Mahadsanid").contains("Stödcentrum för unga brottsutsatta och vittnen");
        String reference = reference(confirmation);
        QueuedCase queued = awaitQueued("cases.stodcentrum", reference);
        assertThat(queued.language()).isEqualTo("so");
        assertThat(storedCase(reference)).containsEntry("PREFERRED_LANGUAGE", "so").containsEntry("INTERPRETER_NEEDED", true);
    }

    @Test
    void aUkrainianConversationWithAKnifeGets112FirstAndAnUrgentCaseFirstInTheQueueWithHighPriority() {
        String phone = newPhone();

        String first = say(phone, "Допоможіть, він тут і в нього ніж");
        assertThat(first).startsWith("Ви зараз у небезпеці? Дзвоніть 112.").contains("Ring 112 vid fara.").contains("Скільки вам років?");
        assertThat(say(phone, "Мені 40 років")).contains("Де ви живете?");
        assertThat(say(phone, "Södermalm")).contains("Можемо подзвонити");
        // the first message told what happened: no story question
        String confirmation = say(phone, "так, ввечері");

        assertThat(confirmation).contains("Дякуємо").contains("Brottsofferjouren Stockholm-Gotland");
        String reference = reference(confirmation);
        QueuedCase queued = awaitQueued("cases.boj-stockholm-gotland", reference);
        assertThat(queued.language()).isEqualTo("uk");
        assertThat(queued.urgent()).isTrue();
        assertThat(queued.priority()).isEqualTo(9);
        assertThat(queued.body()).contains("\"urgent\":true");
        assertThat(storedCase(reference)).containsEntry("URGENT", true).containsEntry("PREFERRED_LANGUAGE", "uk");
        assertThat(staffView(reference).path("urgent").asBoolean()).isTrue();

        JsonNode list = json.readTree(get("/api/cases?partner=boj-stockholm-gotland&size=100", "samordnare", "coord-secret").body())
                .path("cases");
        List<Boolean> urgentInOrder = new ArrayList<>();
        List<String> urgentReferences = new ArrayList<>();
        list.forEach(c -> {
            urgentInOrder.add(c.path("urgent").asBoolean());
            if (c.path("urgent").asBoolean()) {
                urgentReferences.add(c.path("caseReference").asString());
            }
        });
        assertThat(urgentReferences).contains(reference);
        assertThat(urgentInOrder.indexOf(false) < 0 || urgentInOrder.lastIndexOf(true) < urgentInOrder.indexOf(false))
                .as("urgent cases first: " + urgentInOrder).isTrue();
    }
}
