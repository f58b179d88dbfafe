package se.stockholm.brottsofferstod.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Plans a year of demo cases that adds up exactly to a {@link DemoYear}: each case with when it came in, who it is
 * (gender, age, district, never a name), what happened, and the staff work on it in order. Deterministic: the
 * same seed gives the same plan.
 */
final class DemoPlan {

    private static final double NOT_REACHED_SHARE = 0.07;
    private static final double LATE_FIRST_ATTEMPT_SHARE = 0.06;
    private static final double MISSED_CALL_FIRST_SHARE = 0.3;
    private static final Map<String, Integer> ACTION_WEIGHTS = weights("SUPPORT_CALL", 40, "LEGAL_PROCESS_INFO", 15,
            "ACCOMPANIMENT", 6, "COUNSEL_REQUEST_HELP", 5, "COMPENSATION_HELP", 8, "AUTHORITY_CONTACT_HELP", 9,
            "REFERRAL_TO_OTHER", 9, "WITNESS_SUPPORT", 6, "OTHER", 2);
    private static final Map<String, Integer> SOURCE_WEIGHTS = weights("POLICE", 68, "EMAIL", 14, "SMS", 12, "WEB", 6);
    private static final Map<String, Integer> REACHED_CHANNEL_WEIGHTS = weights("PHONE", 78, "MEETING", 12, "VIDEO", 4,
            "SMS", 3, "EMAIL", 3);

    record Work(Instant at, String kind, String type, String channel) {
        static Work attempt(Instant at, String channel, String outcome) {
            return new Work(at, "ATTEMPT", outcome, channel);
        }

        static Work action(Instant at, String type) {
            return new Work(at, "ACTION", type, null);
        }
    }

    /**
     * @param intakePartner where the age and district send the case at intake; {@code holder} when not linked
     * @param linkAt        when the case was linked from {@code intakePartner} to {@code holder}, or {@code null}
     */
    record PlannedCase(String externalId, Instant receivedAt, String source, String holder, String intakePartner,
                       Integer age, String district, String gender, String category, boolean gangRelated,
                       boolean intimatePartnerViolence, Instant linkAt, List<Work> work, Instant closedAt,
                       String closeOutcome) {
    }

    record YearPlan(DemoYear year, List<PlannedCase> cases, List<Instant> noConsentReferrals) {
    }

    private final Random random;
    private final Map<String, List<String>> districtsByJour;
    private final Instant notAfter;

    /**
     * @param districtsByJour the districts each jour serves, from the routing data
     * @param notAfter        nothing is planned after this (now): staff cannot record the future
     */
    DemoPlan(long seed, Map<String, List<String>> districtsByJour, Instant notAfter) {
        this.random = new Random(seed);
        this.districtsByJour = districtsByJour;
        this.notAfter = notAfter;
    }

    YearPlan plan(DemoYear year) {
        Instant end = year.to().plusDays(1).atStartOfDay(Stockholm.ZONE).toInstant();
        Instant workUntil = end.isAfter(notAfter) ? notAfter : end;
        List<Draft> drafts = new ArrayList<>();
        for (String partner : year.cases().keySet().stream().sorted().toList()) {
            drafts.addAll(draftsFor(year, partner));
        }
        drafts.sort((a, b) -> a.receivedAt.compareTo(b.receivedAt));
        spread(drafts, year, workUntil);
        List<PlannedCase> cases = new ArrayList<>(drafts.size());
        String prefix = "demo-" + year.from().getYear() + "-";
        for (int i = 0; i < drafts.size(); i++) {
            cases.add(drafts.get(i).planned(prefix + (i + 1), workUntil));
        }
        List<Instant> noConsent = new ArrayList<>();
        for (int i = 0; i < year.noConsentReferrals(); i++) {
            noConsent.add(randomInstant(year.from(), year.to()));
        }
        return new YearPlan(year, cases, noConsent);
    }

    private List<Draft> draftsFor(DemoYear year, String partner) {
        int n = year.cases().get(partner);
        boolean youth = DemoYear.YOUTH.equals(partner);
        List<String> genders = new ArrayList<>(n);
        int[] others = year.others().get(partner);
        add(genders, "FEMALE", year.women().get(partner));
        add(genders, "OTHER", others[0]);
        add(genders, "UNKNOWN", others[1]);
        add(genders, "MALE", n - genders.size());
        Collections.shuffle(genders, random);
        List<String> categories = apportion(year.crimeShares().get(youth ? "youth" : "jour"), n);
        Collections.shuffle(categories, random);
        List<Draft> drafts = new ArrayList<>(n);
        int[] perQuarter = apportion(year.casesByQuarter().get(partner), n);
        int index = 0;
        for (int q = 0; q < 4; q++) {
            LocalDate qFrom = year.from().plusMonths(3L * q);
            LocalDate qTo = qFrom.plusMonths(3).minusDays(1);
            for (int k = 0; k < perQuarter[q]; k++, index++) {
                Draft d = new Draft();
                d.holder = partner;
                d.intakePartner = partner;
                d.receivedAt = randomInstant(qFrom, qTo);
                d.gender = genders.get(index);
                d.category = categories.get(index);
                d.source = pick(SOURCE_WEIGHTS);
                drafts.add(d);
            }
        }
        flag(drafts, year.ipvWomen().get(partner), "FEMALE", d -> d.intimatePartnerViolence = true,
                d -> d.intimatePartnerViolence);
        flag(drafts, year.ipvMen().get(partner), "MALE", d -> d.intimatePartnerViolence = true,
                d -> d.intimatePartnerViolence);
        flag(drafts, year.gangRelated().get(partner), null, d -> d.gangRelated = true, d -> d.gangRelated);
        List<Draft> linkable = new ArrayList<>(drafts);
        Collections.shuffle(linkable, random);
        for (Draft d : linkable.subList(0, year.linkedIn().get(partner))) {
            d.linked = true;
        }
        for (Draft d : drafts) {
            place(d, youth);
        }
        return drafts;
    }

    /** Age and district that send the case where it should go at intake (the other side, for a linked case). */
    private void place(Draft d, boolean youth) {
        List<String> jours = districtsByJour.keySet().stream().sorted().toList();
        if (youth) {
            String jour = jours.get(random.nextInt(jours.size()));
            d.district = any(districtsByJour.get(jour));
            if (d.linked) {
                // the age was not told: the district sends the case to its jour, who finds the person is young
                d.intakePartner = jour;
                d.age = null;
            } else {
                d.age = 10 + random.nextInt(11);
            }
        } else {
            d.district = any(districtsByJour.get(d.holder));
            if (d.linked) {
                // told as 20, turned 21 before the first call: Stödcentrum links the case to the jour
                d.intakePartner = DemoYear.YOUTH;
                d.age = 20;
            } else {
                d.age = 21 + random.nextInt(65);
            }
        }
    }

    /** Shares the year's direct contacts and actions over the cases and draws the staff work of each case. */
    private void spread(List<Draft> drafts, DemoYear year, Instant workUntil) {
        List<Draft> reachable = new ArrayList<>();
        for (Draft d : drafts) {
            boolean roomForThreeCalls = Duration.between(d.receivedAt, workUntil).toDays() >= 10;
            d.reached = !(roomForThreeCalls && random.nextDouble() < NOT_REACHED_SHARE);
            if (d.reached) {
                reachable.add(d);
            }
        }
        List<Draft> women = reachable.stream().filter(d -> "FEMALE".equals(d.gender)).toList();
        List<Draft> rest = reachable.stream().filter(d -> !"FEMALE".equals(d.gender)).toList();
        share(women, year.directContactsOfWomen(), (d, n) -> d.contacts += n);
        share(rest, year.directContacts() - year.directContactsOfWomen(), (d, n) -> d.contacts += n);
        share(reachable, year.actions(), (d, n) -> d.actions += n);
    }

    private void share(List<Draft> over, int total, java.util.function.BiConsumer<Draft, Integer> add) {
        if (total < over.size()) {
            throw new IllegalStateException("%d to share over %d cases".formatted(total, over.size()));
        }
        over.forEach(d -> add.accept(d, 1));
        for (int i = over.size(); i < total; i++) {
            add.accept(over.get(random.nextInt(over.size())), 1);
        }
    }

    private final class Draft {
        String holder;
        String intakePartner;
        Instant receivedAt;
        String gender;
        String category;
        String source;
        String district;
        Integer age;
        boolean gangRelated;
        boolean intimatePartnerViolence;
        boolean linked;
        boolean reached;
        int contacts;
        int actions;

        PlannedCase planned(String externalId, Instant workUntil) {
            long room = Duration.between(receivedAt, workUntil).toMinutes() - 1;
            Instant linkAt = linked ? receivedAt.plus(Duration.ofMinutes(Math.max(1, Math.min(room / 4, 60 + random.nextInt(600))))) : null;
            Instant start = linkAt != null ? linkAt : receivedAt;
            List<Work> work = reached ? reachedWork(start, workUntil) : unreachedWork(start);
            Instant last = work.isEmpty() ? start : work.get(work.size() - 1).at();
            Instant closedAt = last.plus(Duration.ofDays(1 + random.nextInt(20)));
            if (closedAt.isAfter(notAfter)) {
                closedAt = notAfter;
            }
            return new PlannedCase(externalId, receivedAt, source, holder, intakePartner, age, district, gender, category,
                    gangRelated, intimatePartnerViolence, linkAt, work, closedAt, reached ? "SUPPORT_GIVEN" : "NOT_REACHED");
        }

        /** Three unanswered calls, one of them in the evening: the service rule met before giving up. */
        private List<Work> unreachedWork(Instant start) {
            LocalDate day = start.atZone(Stockholm.ZONE).toLocalDate();
            return List.of(
                    Work.attempt(at(day.plusDays(1), LocalTime.of(10, 15)), "PHONE", "NO_ANSWER"),
                    Work.attempt(at(day.plusDays(2), LocalTime.of(18, 30)), "PHONE", "NO_ANSWER"),
                    Work.attempt(at(day.plusDays(4), LocalTime.of(13, 5)), "PHONE", random.nextBoolean() ? "VOICEMAIL" : "NO_ANSWER"));
        }

        private List<Work> reachedWork(Instant start, Instant workUntil) {
            long first = random.nextDouble() < LATE_FIRST_ATTEMPT_SHARE
                    ? minutes(3.2, 6) : minutes(0.05, 2.5);
            long t = first;
            List<Work> work = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            List<String[]> kinds = new ArrayList<>();
            if (random.nextDouble() < MISSED_CALL_FIRST_SHARE) {
                offsets.add(t);
                kinds.add(new String[] {"ATTEMPT", "NO_ANSWER", "PHONE"});
                t += minutes(0.1, 1.5);
            }
            for (int c = 0; c < contacts; c++) {
                offsets.add(t);
                kinds.add(new String[] {"ATTEMPT", "REACHED", c == 0 ? "PHONE" : pick(REACHED_CHANNEL_WEIGHTS)});
                t += minutes(1, 12);
            }
            long firstContact = offsets.get(kinds.get(0)[1].equals("REACHED") ? 0 : 1);
            long a = firstContact + 10;
            for (int i = 0; i < actions; i++) {
                offsets.add(a);
                kinds.add(new String[] {"ACTION", pick(ACTION_WEIGHTS), null});
                a += minutes(0.5, 10);
            }
            long last = offsets.stream().mapToLong(Long::longValue).max().orElse(0);
            long room = Duration.between(start, workUntil).toMinutes() - 2;
            double scale = last > room ? (double) room / last : 1;
            for (int i = 0; i < offsets.size(); i++) {
                Instant at = start.plus(Duration.ofMinutes(Math.max(1, (long) (offsets.get(i) * scale))));
                String[] k = kinds.get(i);
                work.add(k[0].equals("ATTEMPT") ? Work.attempt(at, k[2], k[1]) : Work.action(at, k[1]));
            }
            work.sort((x, y) -> x.at().compareTo(y.at()));
            return work;
        }

        private long minutes(double fromDays, double toDays) {
            return (long) ((fromDays + random.nextDouble() * (toDays - fromDays)) * 24 * 60);
        }
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, Stockholm.ZONE).toInstant();
    }

    private Instant randomInstant(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate day = from.plusDays(random.nextLong(days));
        LocalTime time = LocalTime.of(7 + random.nextInt(15), random.nextInt(60), random.nextInt(60));
        return ZonedDateTime.of(day, time, Stockholm.ZONE).toInstant();
    }

    private interface Flag {
        void set(Draft d);
    }

    private interface Flagged {
        boolean is(Draft d);
    }

    /** Flags {@code n} cases, of the given gender if one is given, preferring the crime types the flag goes with. */
    private void flag(List<Draft> drafts, int n, String gender, Flag set, Flagged already) {
        List<Draft> candidates = new ArrayList<>(drafts.stream()
                .filter(d -> (gender == null || gender.equals(d.gender)) && !already.is(d)).toList());
        Collections.shuffle(candidates, random);
        candidates.sort((a, b) -> Integer.compare(rank(a.category), rank(b.category)));
        if (candidates.size() < n) {
            throw new IllegalStateException("Only %d cases to flag %d".formatted(candidates.size(), n));
        }
        candidates.subList(0, n).forEach(set::set);
    }

    private static int rank(String category) {
        return switch (category) {
            case "ASSAULT", "UNLAWFUL_THREAT", "MOLESTATION", "SEXUAL_OFFENCE", "ROBBERY" -> 0;
            default -> 1;
        };
    }

    /** Whole numbers in proportion to the shares that add up to {@code n} (largest remainder). */
    private static List<String> apportion(Map<String, Double> shares, int n) {
        List<String> keys = shares.keySet().stream().sorted().toList();
        double[] weights = new double[keys.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = shares.get(keys.get(i));
        }
        int[] counts = apportion(weights, n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < keys.size(); i++) {
            add(out, keys.get(i), counts[i]);
        }
        return out;
    }

    private static int[] apportion(int[] weights, int n) {
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i];
        }
        return apportion(w, n);
    }

    private static int[] apportion(double[] weights, int n) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] counts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / sum * n;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }
        while (given < n) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            given++;
        }
        return counts;
    }

    private static void add(List<String> list, String value, int times) {
        for (int i = 0; i < times; i++) {
            list.add(value);
        }
    }

    private String any(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(Map<String, Integer> weights) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("weights");
    }

    private static Map<String, Integer> weights(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
