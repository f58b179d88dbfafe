package se.stockholm.brottsofferstod.statistics;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;

/**
 * The report as a printable Swedish page laid out like the social committee's follow-ups (seeds 000, 001):
 * totals with the share of women, each partner, the jours together, crime types, gang-related and violence in close
 * relationships, change against the previous period, quarters. Charts are inline SVG: the page loads nothing.
 */
@Component
class StatisticsHtml {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", SWEDISH);
    private static final Map<String, String> CRIME = labels(
            "ASSAULT", "Misshandel", "FRAUD", "Bedrägeri", "UNLAWFUL_THREAT", "Olaga hot", "MOLESTATION", "Ofredande",
            "SEXUAL_OFFENCE", "Sexualbrott", "ROBBERY", "Rån", "THEFT_BURGLARY", "Stöld och inbrott",
            "VANDALISM", "Skadegörelse", "HATE_CRIME", "Hatbrott", "HUMAN_TRAFFICKING", "Människohandel",
            "HOMICIDE", "Dödligt våld", "OTHER", "Annat brott", "UNKNOWN", "Okänt");
    private static final Map<String, String> ACTION = labels(
            "SUPPORT_CALL", "Stödsamtal", "LEGAL_PROCESS_INFO", "Information om rättsprocessen",
            "ACCOMPANIMENT", "Följe till polis eller rättegång", "COUNSEL_REQUEST_HELP", "Hjälp att begära målsägandebiträde",
            "COMPENSATION_HELP", "Hjälp att söka ersättning", "AUTHORITY_CONTACT_HELP", "Hjälp i kontakt med myndigheter",
            "REFERRAL_TO_OTHER", "Hänvisning till annan verksamhet", "WITNESS_SUPPORT", "Vittnesstöd", "OTHER", "Annan åtgärd");
    private static final Map<String, String> SOURCE = labels(
            "POLICE", "Polisen", "SMS", "Sms", "EMAIL", "E-post", "WEB", "Webb");
    private static final Map<String, String> GENDER = labels(
            "FEMALE", "Kvinnor och flickor", "MALE", "Män och pojkar", "OTHER", "Annat", "UNKNOWN", "Okänt");

    private final Partners partners;
    private final boolean suppressSmallCounts;

    StatisticsHtml(Router router, @Value("${intake.statistics.suppress-small-counts}") boolean suppressSmallCounts) {
        this.partners = router.partners();
        this.suppressSmallCounts = suppressSmallCounts;
    }

    String render(Report r) {
        Page page = new Page();
        page.raw(head("Uppföljning av IOP Brottsofferstöd " + span(r.period().from(), r.period().to())));
        page.raw("<h1>Uppföljning av IOP Brottsofferstöd</h1>");
        page.p("Uppföljning av verksamheten under perioden " + span(r.period().from(), r.period().to()) + ".");
        summary(page, r);
        perPartner(page, r);
        jours(page, r);
        crimeTypes(page, r);
        flags(page, r);
        change(page, r);
        quarters(page, r);
        inflow(page, r);
        page.raw("<p class=\"note\">Rapporten innehåller inga personuppgifter. Antal under 5 redovisas, men bör "
                + "maskeras före publicering.</p></body></html>\n");
        return page.toString();
    }

    /**
     * The printable report of another municipality's agreement (seed 004: Norrtälje's): what the municipality asks for,
     * people reached by gender, cases by crime type, contacts and actions, and the change against the previous period.
     */
    String renderAgreement(Report r) {
        Report.AgreementView a = r.agreement();
        Page page = new Page();
        page.raw(head("Uppföljning " + a.municipality() + " " + span(r.period().from(), r.period().to())));
        page.raw("<h1>" + escape("Uppföljning av " + a.name()) + "</h1>");
        page.p("Statistik för " + a.municipality() + " under perioden " + span(r.period().from(), r.period().to())
                + ". Rapporten räknar bara ärenden från personer som bor i " + a.municipality() + ".");
        Report.Figures t = r.total();
        Report.PreviousPeriod prev = r.previousPeriod();
        page.raw("<h2>Sammanfattning</h2>");
        page.raw("<p class=\"lead\">" + escape(a.municipality()) + "s invånare har fått stöd i <strong>" + shown(t.cases())
                + "</strong> ärenden (jämfört med " + shown(prev.cases()) + " föregående period)" + womenPart(r.womenShare().cases())
                + ". Det har varit <strong>" + shown(t.directContacts()) + "</strong> direkta kontakter (jämfört med "
                + shown(prev.directContacts()) + ") och <strong>" + shown(t.actions()) + "</strong> åtgärder (jämfört med "
                + shown(prev.actions()) + ").</p>");
        page.raw("<h2>Personer som nåtts, efter kön</h2><table><thead><tr><th></th><th>Personer (ärenden)</th>"
                + "<th>Direkta kontakter</th></tr></thead><tbody>");
        GENDER.forEach((k, label) -> page.row(label, shown(t.casesByGender().get(k)), shown(t.directContactsByGender().get(k))));
        page.raw("<tr class=\"sum\">");
        page.cells("Totalt", shown(t.cases()), shown(t.directContacts()));
        page.raw("</tr></tbody></table>");
        page.raw("<p class=\"note\">Varje ärende är en person. En direkt kontakt är ett kontaktförsök som nådde personen.</p>");
        page.raw("<h2>Brottstyper</h2><table><thead><tr><th>Brottstyp</th><th>Ärenden</th></tr></thead><tbody>");
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(r.casesByCrimeCategory().entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> bars = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sorted) {
            if (e.getValue() > 0) {
                bars.put(CRIME.getOrDefault(e.getKey(), e.getKey()), e.getValue());
                page.row(CRIME.getOrDefault(e.getKey(), e.getKey()), shown(e.getValue()));
            }
        }
        page.raw("</tbody></table>");
        page.raw(Charts.bars("Ärenden per brottstyp", bars, this::shown));
        page.raw("<h2>Kontakter och åtgärder</h2><table><tbody>");
        page.row("Kontaktförsök", shown(t.contactAttempts()));
        page.row("Direkta kontakter", shown(t.directContacts()));
        page.row("Åtgärder", shown(t.actions()));
        page.raw("</tbody></table><table><thead><tr><th>Åtgärd</th><th>Antal</th></tr></thead><tbody>");
        r.actionsByType().forEach((k, v) -> page.row(ACTION.getOrDefault(k, k), shown(v)));
        page.raw("</tbody></table>");
        Report.Change c = r.change();
        page.raw("<h2>Förändring jämfört med föregående period</h2>");
        page.raw("<table><thead><tr><th></th><th>" + escape(span(prev.from(), prev.to())) + "</th><th>"
                + escape(span(r.period().from(), r.period().to())) + "</th><th>Förändring</th></tr></thead><tbody>");
        page.row("Ärenden", shown(prev.cases()), shown(t.cases()), percent(c.casesPercent()));
        page.row("Direkta kontakter", shown(prev.directContacts()), shown(t.directContacts()), percent(c.directContactsPercent()));
        page.row("Åtgärder", shown(prev.actions()), shown(t.actions()), percent(c.actionsPercent()));
        page.raw("</tbody></table>");
        page.raw("<h2>Varifrån ärendena kom</h2><table><tbody>");
        r.casesBySource().forEach((k, v) -> page.row(SOURCE.getOrDefault(k, k), shown(v)));
        page.raw("</tbody></table>");
        page.raw("<p class=\"note\">Rapporten innehåller inga personuppgifter.</p></body></html>\n");
        return page.toString();
    }

    private static String head(String title) {
        return """
                <!DOCTYPE html>
                <html lang="sv"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
                h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
                table{border-collapse:collapse;width:100%%;margin:.6rem 0;font-family:Arial,sans-serif;font-size:.9rem}
                th,td{border-bottom:1px solid #ccc;padding:.25rem .4rem;text-align:right}th:first-child,td:first-child{text-align:left}
                thead th{border-bottom:2px solid #333}tr.sum td{font-weight:bold;border-top:2px solid #333}
                .lead{font-size:1.05rem}.note{font-size:.85rem;color:#444}svg{display:block;margin:.5rem 0;max-width:100%%;height:auto}
                @media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
                </style></head><body>
                """.formatted(escape(title));
    }

    private void summary(Page page, Report r) {
        Report.PreviousPeriod prev = r.previousPeriod();
        page.raw("<h2>Sammanfattning</h2>");
        page.raw("<p class=\"lead\">Totalt har de fyra parterna hanterat <strong>" + shown(r.total().cases())
                + "</strong> ärenden (jämfört med " + shown(prev.cases()) + " föregående period)"
                + womenPart(r.womenShare().cases()) + ". Parterna har haft <strong>" + shown(r.total().directContacts())
                + "</strong> direkta kontakter med brottsutsatta (jämfört med " + shown(prev.directContacts()) + ")"
                + womenPart(r.womenShare().directContacts()) + ". Totalt har parterna genomfört <strong>"
                + shown(r.total().actions()) + "</strong> åtgärder (jämfört med " + shown(prev.actions()) + ").</p>");
    }

    private void perPartner(Page page, Report r) {
        page.raw("<h2>Ärenden, kontakter och åtgärder per part</h2>");
        page.raw("<table><thead><tr><th>Part</th><th>Ärenden</th><th>varav kvinnor</th><th>Direkta kontakter</th>"
                + "<th>varav kvinnor</th><th>Åtgärder</th></tr></thead><tbody>");
        for (Map.Entry<String, Report.Figures> e : r.byPartner().entrySet()) {
            Report.Figures f = e.getValue();
            boolean special = !partners.ids().contains(e.getKey());
            if (special && f.cases() == 0 && f.directContacts() == 0 && f.actions() == 0) {
                continue;
            }
            page.row(name(e.getKey()), shown(f.cases()), shown(f.casesByGender().get("FEMALE")), shown(f.directContacts()),
                    shown(f.directContactsByGender().get("FEMALE")), shown(f.actions()));
        }
        Report.Figures t = r.total();
        page.raw("<tr class=\"sum\">");
        page.cells("Totalt", shown(t.cases()), shown(t.casesByGender().get("FEMALE")), shown(t.directContacts()),
                shown(t.directContactsByGender().get("FEMALE")), shown(t.actions()));
        page.raw("</tr></tbody></table>");
        page.raw("<p class=\"note\">Ärenden räknas hos den part som hade ärendet vid periodens slut; kontakter och "
                + "åtgärder hos den part som utförde dem.</p>");
        Map<String, Long> bars = new LinkedHashMap<>();
        r.byPartner().forEach((id, f) -> {
            if (partners.ids().contains(id)) {
                bars.put(name(id), f.cases());
            }
        });
        page.raw(Charts.bars("Ärenden per part", bars, this::shown));
    }

    private void jours(Page page, Report r) {
        Report.Figures j = r.jours();
        page.raw("<h2>Brottsofferjourerna tillsammans</h2>");
        page.p("Brottsofferjourerna har haft " + shown(j.cases()) + " ärenden, jämfört med "
                + shown(r.previousPeriod().jourCases()) + " föregående period" + changePart(r.change().jourCasesPercent())
                + ". De har haft " + shown(j.directContacts()) + " direkta kontakter och genomfört "
                + shown(j.actions()) + " åtgärder" + womenPart(ReportBuilder.share(j.casesByGender().get("FEMALE"), j.cases()))
                + ".");
    }

    private void crimeTypes(Page page, Report r) {
        page.raw("<h2>Brottstyper</h2>");
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(r.casesByCrimeCategory().entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> bars = new LinkedHashMap<>();
        page.raw("<table><thead><tr><th>Brottstyp</th>");
        List<String> shown = partners.ids();
        shown.forEach(id -> page.raw("<th>" + escape(shortName(id)) + "</th>"));
        page.raw("<th>Totalt</th></tr></thead><tbody>");
        for (Map.Entry<String, Long> e : sorted) {
            if (e.getValue() == 0) {
                continue;
            }
            bars.put(CRIME.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            page.raw("<tr><td>" + escape(CRIME.getOrDefault(e.getKey(), e.getKey())) + "</td>");
            shown.forEach(id -> page.raw("<td>" + shown(r.byPartner().get(id).casesByCrimeCategory().get(e.getKey())) + "</td>"));
            page.raw("<td>" + shown(e.getValue()) + "</td></tr>");
        }
        page.raw("</tbody></table>");
        page.raw(Charts.bars("Ärenden per brottstyp", bars, this::shown));
    }

    private void flags(Page page, Report r) {
        Report.PreviousPeriod prev = r.previousPeriod();
        page.raw("<h2>Gängrelaterade brott och våld i nära relation</h2>");
        page.p("Totalt har brottsofferjourerna haft " + shown(r.gangRelated()) + " ärenden som är gängrelaterade (jämfört med "
                + shown(prev.gangRelated()) + " föregående period) och " + shown(r.intimatePartnerViolence())
                + " ärenden som gällt våld i nära relation (jämfört med " + shown(prev.intimatePartnerViolence()) + ").");
        Report.Figures youth = r.byPartner().get(partners.youthPartner());
        if (youth != null && youth.intimatePartnerViolence() != null && youth.intimatePartnerViolence() > 0) {
            Map<String, Long> ipv = youth.intimatePartnerViolenceByGender();
            page.p(name(partners.youthPartner()) + " har gett stöd och hjälp till " + shown(ipv.get("FEMALE"))
                    + " flickor och " + shown(ipv.get("MALE")) + " pojkar som varit utsatta för våld i nära relation"
                    + (ipv.get("OTHER") + ipv.get("UNKNOWN") > 0 ? " samt " + shown(ipv.get("OTHER") + ipv.get("UNKNOWN"))
                    + " med annan eller okänd könstillhörighet" : "") + ".");
        }
    }

    private void change(Page page, Report r) {
        Report.PreviousPeriod prev = r.previousPeriod();
        Report.Change c = r.change();
        page.raw("<h2>Förändring jämfört med föregående period</h2>");
        page.raw("<table><thead><tr><th></th><th>" + escape(span(prev.from(), prev.to())) + "</th><th>"
                + escape(span(r.period().from(), r.period().to())) + "</th><th>Förändring</th></tr></thead><tbody>");
        page.row("Ärenden", shown(prev.cases()), shown(r.total().cases()), percent(c.casesPercent()));
        page.row("Direkta kontakter", shown(prev.directContacts()), shown(r.total().directContacts()), percent(c.directContactsPercent()));
        page.row("Åtgärder", shown(prev.actions()), shown(r.total().actions()), percent(c.actionsPercent()));
        page.row("Brottsofferjourernas ärenden", shown(prev.jourCases()), shown(r.jours().cases()), percent(c.jourCasesPercent()));
        page.row("Gängrelaterade (jourerna)", shown(prev.gangRelated()), shown(r.gangRelated()), percent(c.gangRelatedPercent()));
        page.row("Våld i nära relation (jourerna)", shown(prev.intimatePartnerViolence()), shown(r.intimatePartnerViolence()),
                percent(c.intimatePartnerViolencePercent()));
        page.raw("</tbody></table>");
    }

    private void quarters(Page page, Report r) {
        page.raw("<h2>Ärenden per kvartal</h2>");
        Map<String, Long> bars = new LinkedHashMap<>();
        r.casesByQuarter().forEach(q -> bars.put(q.quarter(), q.cases()));
        page.raw(Charts.columns("Ärenden per kvartal", bars, this::shown));
        page.raw("<table><thead><tr><th>Kvartal</th><th>Ärenden</th></tr></thead><tbody>");
        r.casesByQuarter().forEach(q -> page.row(q.quarter(), shown(q.cases())));
        page.raw("</tbody></table>");
    }

    private void inflow(Page page, Report r) {
        page.raw("<h2>Varifrån ärendena kom</h2><table><tbody>");
        r.casesBySource().forEach((k, v) -> page.row(SOURCE.getOrDefault(k, k), shown(v)));
        page.row("Anonyma förmedlingar från polisen utan samtycke (räknas, inga personuppgifter)", shown(r.noConsentReferrals()));
        page.row("Till samordnaren för fördelning (stadsdel okänd)", shown(r.triage()));
        page.row("Bor utanför staden (hänvisade vidare)", shown(r.outsideArea()));
        page.row("Länkade till Stödcentrum", shown(r.links().toStodcentrum()));
        page.row("Länkade till en brottsofferjour", shown(r.links().toJour()));
        page.raw("</tbody></table>");
        page.raw("<h2>Åtgärder</h2><table><tbody>");
        r.actionsByType().forEach((k, v) -> page.row(ACTION.getOrDefault(k, k), shown(v)));
        page.raw("</tbody></table>");
        Report.ServiceLevel s = r.serviceLevel();
        page.raw("<h2>Servicenivå: första kontaktförsök inom tre dagar</h2><table><tbody>");
        page.row("Inom tre dagar", shown(s.firstAttemptWithin3Days()));
        page.row("Senare än tre dagar", shown(s.firstAttemptLate()));
        page.row("Inget försök, tiden har gått ut", shown(s.firstAttemptMissing()));
        page.row("Inget försök ännu, inom tiden", shown(s.firstAttemptPending()));
        page.row("Avslutade utan att personen nåtts", shown(s.closedNotReached()));
        page.raw("</tbody></table>");
        page.raw("<h2>Kön</h2><table><thead><tr><th></th><th>Ärenden</th><th>Direkta kontakter</th></tr></thead><tbody>");
        GENDER.forEach((k, label) -> page.row(label, shown(r.total().casesByGender().get(k)),
                shown(r.total().directContactsByGender().get(k))));
        page.raw("</tbody></table>");
    }

    private String name(String holder) {
        return switch (holder) {
            case RoutingDecision.TRIAGE -> "Hos samordnaren (ej fördelade)";
            case RoutingDecision.OUTSIDE_AREA -> "Utanför staden";
            default -> partners.nameOf(holder).orElse(holder);
        };
    }

    private String shortName(String id) {
        return name(id).replace("Brottsofferjouren ", "BOJ ").replace(" för unga brottsutsatta och vittnen", "");
    }

    private static String womenPart(Double share) {
        return share == null ? "" : ", varav " + decimal(share) + " procent kvinnor";
    }

    private static String changePart(Double percent) {
        return percent == null ? "" : ", en förändring med " + percent(percent);
    }

    /** A count as the report shows it: {@code <5} for 1 to 4 when small counts are suppressed for publishing. */
    private String shown(Long n) {
        return suppressSmallCounts && SmallCounts.isSmall(n) ? SmallCounts.SHOWN : number(n);
    }

    static String number(Long n) {
        return n == null ? "–" : String.format(SWEDISH, "%,d", n).replace('\u00a0', '\u202f');
    }

    private static String decimal(double d) {
        return String.format(SWEDISH, "%.1f", d);
    }

    private static String percent(Double p) {
        return p == null ? "–" : (p > 0 ? "+" : p < 0 ? "−" : "±") + decimal(Math.abs(p)) + " %";
    }

    private static String span(LocalDate from, LocalDate to) {
        return DATE.format(from) + " till och med " + DATE.format(to);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Collects the page; text goes through {@link #escape}. */
    private static final class Page {
        private final StringBuilder html = new StringBuilder(16_384);

        void raw(String markup) {
            html.append(markup).append('\n');
        }

        void p(String text) {
            raw("<p>" + escape(text) + "</p>");
        }

        void row(String... cells) {
            raw("<tr>");
            cells(cells);
            raw("</tr>");
        }

        void cells(String... cells) {
            for (String cell : cells) {
                html.append("<td>").append(escape(cell)).append("</td>");
            }
        }

        @Override
        public String toString() {
            return html.toString();
        }
    }
}
