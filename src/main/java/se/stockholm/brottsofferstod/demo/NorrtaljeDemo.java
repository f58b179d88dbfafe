package se.stockholm.brottsofferstod.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Invented demo years for Norrtälje municipality's own agreement (seed 004): calendar years 2023 and 2024 of cases
 * from the municipality's residents, so that its report and the change against the previous year can be seen. Seed
 * 004 holds no figures (its statistics are annexes not included), so every count here is invented, of a plausible
 * size for a municipality of about 60 000 residents. Plain Java, the same every time (a fixed seed).
 */
final class NorrtaljeDemo {

    /** A year's cases. */
    record Year(int year, int cases) {
        LocalDate from() {
            return LocalDate.of(year, 1, 1);
        }
    }

    /** The two years of seed 004's analysis (statistikanalys 2023-2024). */
    static final List<Year> YEARS = List.of(new Year(2023, 168), new Year(2024, 193));

    /**
     * One planned case; {@code work} in time order, each an attempt ({@code ATTEMPT}, outcome in {@code type}) or an
     * action ({@code ACTION}).
     */
    record PlannedCase(String externalId, Instant receivedAt, String place, Integer age, String gender, String source,
                       String category, boolean intimatePartnerViolence, List<DemoPlan.Work> work, Instant closedAt,
                       String closeOutcome) {
    }

    private static final String[] PLACES = {"Norrtälje", "Norrtälje", "Norrtälje", "Rimbo", "Rimbo", "Hallstavik",
            "Älmsta", "Grisslehamn", "Edsbro", "Blidö", "Svanberga", "Skebobruk", "Väddö", "Herräng", "Riala"};
    private static final String[] CATEGORIES = {"ASSAULT", "ASSAULT", "ASSAULT", "UNLAWFUL_THREAT", "UNLAWFUL_THREAT",
            "MOLESTATION", "MOLESTATION", "FRAUD", "FRAUD", "SEXUAL_OFFENCE", "ROBBERY", "THEFT_BURGLARY", "VANDALISM",
            "HATE_CRIME", "OTHER"};
    private static final String[] ACTIONS = {"SUPPORT_CALL", "SUPPORT_CALL", "SUPPORT_CALL", "LEGAL_PROCESS_INFO",
            "LEGAL_PROCESS_INFO", "ACCOMPANIMENT", "WITNESS_SUPPORT", "WITNESS_SUPPORT", "COMPENSATION_HELP",
            "COUNSEL_REQUEST_HELP", "AUTHORITY_CONTACT_HELP", "REFERRAL_TO_OTHER"};

    private NorrtaljeDemo() {
    }

    /** The year's cases, received on weekdays between 08:00 and 20:00 Stockholm time; none after {@code now}. */
    static List<PlannedCase> plan(Year year, Instant now) {
        Random random = new Random(20_240_101L + year.year());
        List<PlannedCase> cases = new ArrayList<>();
        for (int i = 0; i < year.cases(); i++) {
            LocalDate day = year.from().plusDays(random.nextInt(year.from().lengthOfYear()));
            Instant received = day.atTime(8 + random.nextInt(12), random.nextInt(60)).atZone(Stockholm.ZONE).toInstant();
            if (received.isAfter(now.minus(Duration.ofDays(30)))) {
                continue;
            }
            double g = random.nextDouble();
            String gender = g < 0.62 ? "FEMALE" : g < 0.97 ? "MALE" : "UNKNOWN";
            double s = random.nextDouble();
            String source = s < 0.72 ? "POLICE" : s < 0.86 ? "SMS" : "EMAIL";
            Integer age = random.nextDouble() < 0.08 ? null : 13 + random.nextInt(70);
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            boolean intimate = category.equals("ASSAULT") && random.nextDouble() < 0.35;
            List<DemoPlan.Work> work = new ArrayList<>();
            Instant at = received.plus(Duration.ofHours(4 + random.nextInt(40)));
            boolean reached = random.nextDouble() < 0.9;
            int calls = reached ? 1 + random.nextInt(2) : 3;
            for (int call = 1; call <= calls; call++) {
                // the last unanswered call of three is in the evening, as the service rule asks
                Instant when = !reached && call == calls ? eveningAfter(at) : at;
                work.add(DemoPlan.Work.attempt(when, "PHONE", reached && call == calls ? "REACHED" : "NO_ANSWER"));
                at = when.plus(Duration.ofHours(20 + random.nextInt(30)));
            }
            if (reached) {
                int actions = 1 + random.nextInt(3);
                for (int a = 0; a < actions; a++) {
                    work.add(DemoPlan.Work.action(at, ACTIONS[random.nextInt(ACTIONS.length)]));
                    at = at.plus(Duration.ofDays(1 + random.nextInt(10)));
                }
            }
            cases.add(new PlannedCase("demo-norrtalje-%d-%04d".formatted(year.year(), i + 1), received,
                    PLACES[random.nextInt(PLACES.length)], age, gender, source, category, intimate, List.copyOf(work),
                    at.plus(Duration.ofDays(1)), reached ? "SUPPORT_GIVEN" : "NOT_REACHED"));
        }
        return cases;
    }

    private static Instant eveningAfter(Instant at) {
        return at.atZone(Stockholm.ZONE).toLocalDate().plusDays(1).atTime(18, 30).atZone(Stockholm.ZONE).toInstant();
    }
}
