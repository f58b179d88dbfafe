package se.stockholm.brottsofferstod.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Deterministic police referrals for the benchmark, one JSON line at a time (never a whole batch as trees):
 * referral {@code i} of a data set depends only on the data set's tag and {@code i}. About 10 % come without
 * contact consent, 1 % repeat an earlier referral (same id and content: a re-sent referral), 1 % are
 * invalid (unknown role, bad report number, bad sentAt, or a personnummer with a wrong check digit).
 * Names of places and postal codes come from the routing data (config/routing/districts.yml), so the
 * referrals spread over every partner's queue, triage and outside area.
 */
final class ReferralGenerator {

    enum Kind { CASE, NO_CONSENT, DUPLICATE, INVALID }

    /** What a data set holds, and so what the service must end up with. */
    record Stats(int total, int cases, int noConsent, int duplicates, int invalid, BitSet invalidLines) {
        /** Rows that count as stored: the cases plus the no-consent receipts. */
        int stored() {
            return cases + noConsent;
        }

        @Override
        public String toString() {
            return "%d referrals: %d cases, %d without consent, %d duplicates, %d invalid"
                    .formatted(total, cases, noConsent, duplicates, invalid);
        }
    }

    enum Format { NDJSON, JSON_ARRAY }

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final Instant FIRST_SENT = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LAST_SENT = Instant.parse("2026-11-01T00:00:00Z");

    private static final String[] GIVEN_FEMALE = {"Anna", "Maria", "Eva", "Karin", "Sara", "Emma", "Elsa", "Maja", "Linnéa",
            "Ingrid", "Astrid", "Fatima", "Amina", "Leyla", "Hanna", "Ebba", "Zeynep", "Aisha", "Agnieszka", "Sofía",
            "Märta", "Åsa", "Birgitta", "Nour", "Hodan", "Yasmin", "Saga", "Wilma", "Alice", "Selma"};
    private static final String[] GIVEN_MALE = {"Erik", "Lars", "Karl", "Johan", "Anders", "Mohammed", "Ali", "Ahmed", "Omar",
            "Oscar", "Lucas", "Liam", "William", "Hugo", "Elias", "Noah", "Björn", "Gustav", "Mikael", "Per", "Göran",
            "Abdi", "Yusuf", "Hassan", "Mehmet", "Tomasz", "Nils", "Olle", "Sven", "Måns"};
    private static final String[] GIVEN_OTHER = {"Kim", "Alex", "Robin", "Charlie", "Sam", "Eli", "Love", "Noa"};
    private static final String[] FAMILY = {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
            "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindqvist", "Lindberg", "Lindström", "Åberg",
            "Öberg", "Ekström", "Söderberg", "Hassan", "Mohamed", "Ali", "Ahmed", "Yilmaz", "Nowak", "Kowalski", "Abdullahi",
            "Rahimi", "Hosseini", "Virtanen", "Korhonen", "García", "Nguyen", "Berglund", "Sjöberg", "Holmgren"};
    private static final String[] STREETS = {"Hökarängsplan", "Götgatan", "Hornsgatan", "Drottninggatan", "Tensta allé",
            "Hagsätra torg", "Vällingbyplan", "Rinkebystråket", "Kistagången", "Husbygårdsvägen", "Farsta torg",
            "Skärholmsvägen", "Bredängsvägen", "Ringvägen", "Sankt Eriksgatan", "Fleminggatan", "Odengatan",
            "Karlavägen", "Valhallavägen", "Bagarmossvägen", "Rågsvedsvägen", "Västertorpsvägen", "Årstavägen",
            "Hammarby allé", "Brommaplan", "Islandstorget", "Spångavägen", "Hässelby torg", "Bergsgatan", "Folkungagatan"};
    private static final String[] UNITS = {"Lokalpolisområde Farsta", "Lokalpolisområde Södermalm", "Lokalpolisområde Norrmalm",
            "Lokalpolisområde Rinkeby", "Lokalpolisområde Järva", "Lokalpolisområde Västerort", "Lokalpolisområde Skärholmen",
            "Lokalpolisområde Globen", "Lokalpolisområde Kungsholmen", "Polisregion Stockholm, utredningsenheten",
            "Polisregion Stockholm, grova brott", "Lokalpolisområde Solna", "Lokalpolisområde Nacka"};
    private static final String[] CATEGORIES = {"ASSAULT", "ASSAULT", "ASSAULT", "FRAUD", "FRAUD", "UNLAWFUL_THREAT",
            "UNLAWFUL_THREAT", "MOLESTATION", "SEXUAL_OFFENCE", "ROBBERY", "ROBBERY", "THEFT_BURGLARY", "THEFT_BURGLARY",
            "VANDALISM", "HATE_CRIME", "HUMAN_TRAFFICKING", "HOMICIDE", "OTHER"};
    private static final String[] LANGUAGES = {"sv", "sv", "sv", "sv", "sv", "en", "ar", "so", "fa", "ti", "fi", "pl", "es",
            "tr", "ku", "prs"};
    private static final String[] DESCRIPTIONS = {
            "Målsäganden blev slagen i ansiktet vid tunnelbanestationen.",
            "Hot via sms under flera veckor, anmälaren är rädd att gå ut.",
            "Lägenhetsinbrott dagtid; smycken och dator stulna.",
            "Rånad på mobiltelefon av två personer, \"lugnt men hotfullt\".",
            "Bedrägeri via telefon: uppringd av falsk bankman, 45 000 kr förlorade.",
            "Upprepade trakasserier från före detta partner.",
            "Vittne till knivskärning utanför skolan.",
            "Klotter med hatbudskap på ytterdörren.",
            "Anhörig till person som avlidit efter misshandel.",
            "Ofredande på bussen; gärningspersonen följde efter.\nAnmälan gjord samma kväll."};

    private final String tag;
    private final long seed;
    private final List<Area> areas;
    private final List<String> outsidePlaces;
    private final List<String> ambiguousPlaces;

    /** One stadsdelsområde of the routing data: its neighbourhoods and postal-code prefixes. */
    private record Area(String name, List<String> neighbourhoods, List<String> postalCodes) {
    }

    ReferralGenerator(String tag, Path districtsFile) {
        this.tag = tag;
        this.seed = tag.hashCode() * 0x9E3779B97F4A7C15L;
        Map<String, Object> root = readYaml(districtsFile);
        this.areas = new ArrayList<>();
        for (Map<String, Object> d : listOfMaps(root.get("districts"))) {
            areas.add(new Area((String) d.get("name"), strings(d.get("neighbourhoods")), strings(d.get("postalCodes"))));
        }
        this.outsidePlaces = strings(((Map<?, ?>) root.get("outsideArea")).get("places"));
        this.ambiguousPlaces = strings(((Map<?, ?>) root.get("ambiguous")).get("places"));
    }

    /** Writes {@code n} referrals to {@code file} and tells what they are. */
    Stats write(Path file, int n, Format format) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            return write(out, n, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stats write(Writer out, int n, Format format) throws IOException {
        int cases = 0;
        int noConsent = 0;
        int duplicates = 0;
        int invalid = 0;
        BitSet invalidLines = new BitSet(n);
        if (format == Format.JSON_ARRAY) {
            out.write("[\n");
        }
        for (int i = 0; i < n; i++) {
            Kind kind = kindOf(i);
            switch (kind) {
                case CASE -> cases++;
                case NO_CONSENT -> noConsent++;
                case DUPLICATE -> duplicates++;
                case INVALID -> {
                    invalid++;
                    invalidLines.set(i);
                }
            }
            out.write(referral(i));
            out.write(format == Format.JSON_ARRAY && i < n - 1 ? ",\n" : "\n");
        }
        if (format == Format.JSON_ARRAY) {
            out.write("]\n");
        }
        return new Stats(n, cases, noConsent, duplicates, invalid, invalidLines);
    }

    Kind kindOf(int i) {
        if (i == 0) {
            return Kind.CASE;
        }
        double r = new SplittableRandom(mix(i, 1)).nextDouble();
        if (r < 0.01) {
            return Kind.INVALID;
        }
        if (r < 0.02 && i >= 10) {
            return Kind.DUPLICATE;
        }
        return r < 0.12 ? Kind.NO_CONSENT : Kind.CASE;
    }

    /** Referral {@code i} as one line of JSON. */
    String referral(int i) {
        Kind kind = kindOf(i);
        if (kind == Kind.DUPLICATE) {
            return referral(originalOf(i));
        }
        return build(i, kind, new SplittableRandom(mix(i, 3)));
    }

    /** The earlier valid referral that a duplicate repeats: often a recent one (same or next batch), else any. */
    int originalOf(int i) {
        SplittableRandom r = new SplittableRandom(mix(i, 2));
        int j = r.nextInt(3) == 0 ? i - 1 - r.nextInt(Math.min(i, 1500)) : r.nextInt(i);
        while (kindOf(j) == Kind.DUPLICATE || kindOf(j) == Kind.INVALID) {
            j--;
        }
        return j;
    }

    String referralId(int i) {
        return "PM-BENCH-" + tag + "-" + String.format(Locale.ROOT, "%08d", i);
    }

    private String build(int i, Kind kind, SplittableRandom r) {
        ZonedDateTime sent = Instant.ofEpochSecond(FIRST_SENT.getEpochSecond()
                + r.nextLong(LAST_SENT.getEpochSecond() - FIRST_SENT.getEpochSecond())).atZone(STOCKHOLM);
        LocalDate sentDay = sent.toLocalDate();
        int invalidKind = kind == Kind.INVALID ? r.nextInt(4) : -1;

        // age: a fifth under 21 (youth partner), the rest adults
        int age = r.nextInt(5) == 0 ? r.nextInt(21) : 21 + r.nextInt(70);
        LocalDate birth = sentDay.minusYears(age).minusDays(1 + r.nextInt(364));
        String gender = pick(r, "FEMALE", "FEMALE", "MALE", "MALE", "MALE", "OTHER", "UNKNOWN");
        String given = switch (gender) {
            case "FEMALE" -> pick(r, GIVEN_FEMALE);
            case "MALE" -> pick(r, GIVEN_MALE);
            default -> r.nextBoolean() ? pick(r, GIVEN_OTHER) : pick(r, GIVEN_FEMALE);
        };
        String family = pick(r, FAMILY);

        Json j = new Json();
        j.field("referralId", referralId(i));
        j.field("sentAt", invalidKind == 2 ? "i går kväll" : r.nextInt(10) == 0
                ? sent.withZoneSameInstant(ZoneId.of("UTC")).format(DATE_TIME) : sent.format(DATE_TIME));
        if (r.nextInt(10) < 8) {
            j.field("policeUnit", pick(r, UNITS));
        }
        if (invalidKind == 1) {
            j.field("reportNumber", "K" + (100000 + r.nextInt(900000)) + "-" + sentDay.getYear() % 100);
        } else if (r.nextInt(20) != 0) {
            j.field("reportNumber", "5000-K%d-%02d".formatted(1 + r.nextInt(r.nextBoolean() ? 999999 : 99999999),
                    sentDay.getYear() % 100));
        }

        j.open("person");
        j.field("role", invalidKind == 0 ? "X" : pick(r, "VICTIM", "VICTIM", "VICTIM", "VICTIM", "WITNESS", "RELATIVE"));
        if (r.nextInt(10) < 9) {
            j.field("givenName", given);
            j.field("familyName", family);
        }
        int identity = invalidKind == 3 ? 0 : r.nextInt(10);
        if (identity < 7) {
            j.field("personalIdentityNumber", personnummer(birth, r, invalidKind == 3));
        } else if (identity < 9) {
            j.field("birthYear", birth.getYear());
        }
        if (r.nextInt(10) < 8) {
            j.field("gender", gender);
        }
        if (r.nextInt(10) < 8) {
            j.field("phone", r.nextBoolean()
                    ? "07%d-%03d %02d %02d".formatted(r.nextInt(10), r.nextInt(1000), r.nextInt(100), r.nextInt(100))
                    : "+467%d%07d".formatted(r.nextInt(10), r.nextInt(10_000_000)));
        }
        if (r.nextInt(10) < 3) {
            j.field("email", ascii(given + "." + family).toLowerCase(Locale.ROOT) + r.nextInt(100) + "@example.se");
        }
        placeOf(j, r);
        j.field("preferredLanguage", pick(r, LANGUAGES));
        if (r.nextBoolean()) {
            j.field("interpreterNeeded", r.nextInt(5) == 0);
        }
        if (r.nextInt(50) == 0) {
            j.field("protectedIdentity", true);
        } else if (r.nextBoolean()) {
            j.field("protectedIdentity", false);
        }
        j.close();

        j.open("consent");
        // a wrong check digit is only noticed with consent (without it the number is never looked at)
        j.field("contactConsent", kind != Kind.NO_CONSENT || invalidKind == 3);
        if (r.nextInt(10) < 8) {
            j.field("givenBy", age < 18 ? "GUARDIAN" : "SELF");
        }
        if (r.nextInt(10) < 7) {
            j.field("recordedAt", sent.minusMinutes(5 + r.nextInt(48 * 60)).format(DATE_TIME));
        }
        j.close();

        if (r.nextInt(20) != 0) {
            j.open("offence");
            String category = pick(r, CATEGORIES);
            j.field("category", category);
            if (r.nextInt(10) < 8) {
                j.field("occurredOn", sentDay.minusDays(r.nextInt(30)).toString());
            }
            if (r.nextBoolean()) {
                j.field("gangRelated", r.nextInt(12) == 0);
            }
            if (r.nextBoolean()) {
                j.field("intimatePartnerViolence", "ASSAULT".equals(category) || "MOLESTATION".equals(category)
                        ? r.nextInt(3) == 0 : r.nextInt(30) == 0);
            }
            if (r.nextInt(10) < 3) {
                j.field("description", pick(r, DESCRIPTIONS));
            }
            j.close();
        }
        return j.end();
    }

    /** District text and/or address: a neighbourhood by name, a postal code, or a place outside or vague. */
    private void placeOf(Json j, SplittableRandom r) {
        int how = r.nextInt(100);
        Area area = areas.get(r.nextInt(areas.size()));
        String neighbourhood = area.neighbourhoods().get(r.nextInt(area.neighbourhoods().size()));
        boolean withAddress = how >= 55 || r.nextInt(3) == 0;
        if (how < 55) {
            String text = switch (r.nextInt(10)) {
                case 0 -> neighbourhood.toLowerCase(Locale.ROOT);
                case 1 -> ascii(neighbourhood);
                case 2 -> neighbourhood + ", Stockholm";
                case 3 -> area.name();
                default -> neighbourhood;
            };
            j.field("district", text);
        } else if (how < 63) {
            j.field("district", outsidePlaces.get(r.nextInt(outsidePlaces.size())));
            withAddress = false;
        } else if (how < 67) {
            j.field("district", ambiguousPlaces.get(r.nextInt(ambiguousPlaces.size())));
            withAddress = false;
        } else if (how < 75) {
            withAddress = false; // nothing known about where the person lives
        }
        if (withAddress) {
            j.open("address");
            if (r.nextInt(10) < 7) {
                j.field("street", pick(r, STREETS) + " " + (1 + r.nextInt(120)));
            }
            String prefix = area.postalCodes().get(r.nextInt(area.postalCodes().size()));
            String digits = prefix.length() == 5 ? prefix : prefix + "%02d".formatted(r.nextInt(100));
            j.field("postalCode", r.nextInt(10) < 7 ? digits.substring(0, 3) + " " + digits.substring(3) : digits);
            j.field("city", r.nextInt(4) == 0 ? neighbourhood : "Stockholm");
            j.close();
        }
    }

    /** A personnummer (or now and then a samordningsnummer) with a valid check digit, in one of its usual forms. */
    static String personnummer(LocalDate birth, SplittableRandom r, boolean wrongCheckDigit) {
        int day = birth.getDayOfMonth() + (r.nextInt(30) == 0 ? 60 : 0);
        String yymmdd = "%02d%02d%02d".formatted(birth.getYear() % 100, birth.getMonthValue(), day);
        String serial = "%03d".formatted(r.nextInt(1000));
        int check = luhn(yymmdd + serial);
        if (wrongCheckDigit) {
            check = (check + 1 + r.nextInt(9)) % 10;
        }
        String century = String.valueOf(birth.getYear() / 100);
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> yymmdd + "-" + serial + check;
            case 3, 4 -> century + yymmdd + serial + check;
            case 5 -> yymmdd + serial + check;
            default -> century + yymmdd + "-" + serial + check;
        };
    }

    /** Luhn check digit of YYMMDDNNN (weights 2,1,2,...). */
    static int luhn(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            int d = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    private long mix(long i, long salt) {
        long z = seed + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String pick(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace(' ', '.');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    /** A minimal one-line JSON writer: enough for the referral's shape, with proper string escaping. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder(768).append('{');
        private boolean first = true;

        void field(String name, String value) {
            name(name);
            quote(value);
        }

        void field(String name, boolean value) {
            name(name);
            sb.append(value);
        }

        void field(String name, int value) {
            name(name);
            sb.append(value);
        }

        void open(String name) {
            name(name);
            sb.append('{');
            first = true;
        }

        void close() {
            sb.append('}');
            first = false;
        }

        String end() {
            return sb.append('}').toString();
        }

        private void name(String name) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(name);
            sb.append(':');
        }

        private void quote(String s) {
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append("\\u%04x".formatted((int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
