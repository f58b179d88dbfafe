package se.stockholm.brottsofferstod.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.CaseRequests;
import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.cases.IntakeOutcome;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Offence;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Progress;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Role;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Loads the two agreement years of the seeds as demo data, through the product's own services: each case comes in
 * through {@link CaseIntake} and is routed by the routing rules, and staff work (links, contact attempts, actions,
 * closing) goes through {@link CaseWork} with its rules, as the partners' staff would record it. The people are
 * invented and have no names; channel {@code demo} marks every case.
 */
@Service
public class DemoData {

    static final String CHANNEL = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final int CHUNK = 500;
    private static final long SEED = 20220401L;
    private static final String NORRTALJE = "norrtalje";
    private static final String NORRTALJE_PARTNER = "boj-stockholm-gotland";

    private final CaseIntake intake;
    private final CaseWork work;
    private final Router router;
    private final Clock clock;

    DemoData(CaseIntake intake, CaseWork work, Router router, Clock clock) {
        this.intake = intake;
        this.work = work;
        this.router = router;
        this.clock = clock;
    }

    /** Loads both seed years; a year already loaded is left as it is. Returns the cases opened. */
    public int loadSeedYears() {
        DemoPlan planner = new DemoPlan(SEED, districtsByJour(), clock.instant());
        int opened = 0;
        for (DemoYear year : DemoYear.seedYears()) {
            opened += load(planner.plan(year));
        }
        return opened;
    }

    /**
     * Loads the invented years of Norrtälje municipality's own agreement ({@link NorrtaljeDemo}), through the same
     * intake and staff work; left out when the routing data has no such agreement. Returns the cases opened.
     */
    public int loadNorrtaljeYears() {
        if (router.agreements().byId(NORRTALJE).isEmpty()) {
            log.info("Demo data: no agreement {} in the routing data, its years are left out", NORRTALJE);
            return 0;
        }
        int opened = 0;
        for (NorrtaljeDemo.Year year : NorrtaljeDemo.YEARS) {
            List<NorrtaljeDemo.PlannedCase> cases = NorrtaljeDemo.plan(year, clock.instant());
            Map<String, String> references = new HashMap<>();
            for (int from = 0; from < cases.size(); from += CHUNK) {
                List<NorrtaljeDemo.PlannedCase> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
                for (IntakeOutcome outcome : intake.open(chunk.stream().map(this::request).toList())) {
                    if (outcome.status() == IntakeOutcome.Status.ACCEPTED) {
                        references.put(outcome.externalId(), outcome.caseReference());
                    }
                }
            }
            for (NorrtaljeDemo.PlannedCase c : cases) {
                String reference = references.get(c.externalId());
                if (reference != null) {
                    Actor staff = staff(NORRTALJE_PARTNER);
                    for (DemoPlan.Work w : c.work()) {
                        if (w.kind().equals("ATTEMPT")) {
                            retrying(() -> work.recordAttempt(staff, reference, new CaseRequests.Attempt(at(w.at()), w.channel(), w.type())));
                        } else {
                            retrying(() -> work.recordAction(staff, reference, new CaseRequests.ActionTaken(at(w.at()), w.type())));
                        }
                    }
                    retrying(() -> work.close(staff, reference, new CaseRequests.Close(at(c.closedAt()), c.closeOutcome())));
                }
            }
            log.info("Demo data for Norrtälje {}: {} cases opened and worked", year.year(), references.size());
            opened += references.size();
        }
        return opened;
    }

    private SupportRequest request(NorrtaljeDemo.PlannedCase c) {
        KnownAge age = c.age() == null ? KnownAge.UNKNOWN : new KnownAge(c.age(), "the person's own account");
        RoutingDecision routing = router.route(age, c.place(), null, null);
        if (!routing.agreement().equals(NORRTALJE)) {
            throw new IllegalStateException("Demo case %s is not routed under Norrtälje's agreement: the routing data changed"
                    .formatted(c.externalId()));
        }
        int year = c.receivedAt().atZone(Stockholm.ZONE).getYear();
        Person person = new Person("VICTIM", null, null, null, c.age() == null ? null : year - c.age(), c.gender(),
                null, null, null, c.place(), "sv", false, false);
        Offence offence = new Offence(c.category(), null, false, c.intimatePartnerViolence(), null);
        return new SupportRequest(Source.valueOf(c.source()), CHANNEL, c.externalId(), c.receivedAt(), person,
                new Consent(true, c.age() != null && c.age() < 15 ? "GUARDIAN" : "SELF", at(c.receivedAt())), offence,
                null, age.years(), null, routing);
    }

    private int load(DemoPlan.YearPlan plan) {
        List<DemoPlan.PlannedCase> cases = plan.cases();
        Map<String, String> references = new HashMap<>();
        int opened = 0;
        for (int from = 0; from < cases.size(); from += CHUNK) {
            List<DemoPlan.PlannedCase> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
            List<IntakeOutcome> outcomes = intake.open(chunk.stream().map(this::request).toList());
            for (IntakeOutcome outcome : outcomes) {
                if (outcome.status() == IntakeOutcome.Status.ACCEPTED) {
                    references.put(outcome.externalId(), outcome.caseReference());
                    opened++;
                }
            }
        }
        if (opened == 0) {
            log.info("Demo data for {} is loaded already", plan.year().name());
            return 0;
        }
        List<SupportRequest> anonymous = new ArrayList<>();
        for (int i = 0; i < plan.noConsentReferrals().size(); i++) {
            anonymous.add(withoutConsent("demo-" + plan.year().from().getYear() + "-anonymous-" + (i + 1),
                    plan.noConsentReferrals().get(i)));
        }
        for (int from = 0; from < anonymous.size(); from += CHUNK) {
            intake.open(anonymous.subList(from, Math.min(anonymous.size(), from + CHUNK)));
        }
        Progress progress = Progress.of(log, "Demo data for " + plan.year().name(), "cases worked", cases.size());
        for (DemoPlan.PlannedCase c : cases) {
            String reference = references.get(c.externalId());
            if (reference != null) {
                workOn(c, reference);
            }
            progress.step();
        }
        progress.finish();
        log.info("Demo data for {}: {} cases opened and worked, {} anonymous referrals", plan.year().name(), opened,
                anonymous.size());
        return opened;
    }

    private void workOn(DemoPlan.PlannedCase c, String reference) {
        if (c.linkAt() != null) {
            String reason = DemoYear.YOUTH.equals(c.holder())
                    ? "Personen är under 21 år enligt första samtalet"
                    : "Personen har fyllt 21 år";
            retrying(() -> work.link(staff(c.intakePartner()), reference,
                    new CaseRequests.LinkTo(c.holder(), reason, at(c.linkAt()))));
        }
        Actor staff = staff(c.holder());
        for (DemoPlan.Work w : c.work()) {
            if (w.kind().equals("ATTEMPT")) {
                retrying(() -> work.recordAttempt(staff, reference, new CaseRequests.Attempt(at(w.at()), w.channel(), w.type())));
            } else {
                retrying(() -> work.recordAction(staff, reference, new CaseRequests.ActionTaken(at(w.at()), w.type())));
            }
        }
        retrying(() -> work.close(staff, reference, new CaseRequests.Close(at(c.closedAt()), c.closeOutcome())));
    }

    /** As staff would: a change that met the service's own jobs on the same case is simply made again. */
    private static void retrying(Runnable change) {
        for (int attempt = 1; ; attempt++) {
            try {
                change.run();
                return;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private SupportRequest request(DemoPlan.PlannedCase c) {
        KnownAge age = c.age() == null ? KnownAge.UNKNOWN : new KnownAge(c.age(), "the person's own account");
        RoutingDecision routing = router.route(age, c.district(), null, null);
        if (!routing.partner().equals(c.intakePartner())) {
            throw new IllegalStateException("Demo case %s routes to %s, planned for %s: the routing data changed"
                    .formatted(c.externalId(), routing.partner(), c.intakePartner()));
        }
        int year = c.receivedAt().atZone(Stockholm.ZONE).getYear();
        Person person = new Person("VICTIM", null, null, null, c.age() == null ? null : year - c.age(), c.gender(),
                null, null, null, c.district(), "sv", false, false);
        Offence offence = new Offence("UNKNOWN".equals(c.category()) ? null : c.category(), null, c.gangRelated(),
                c.intimatePartnerViolence(), null);
        return new SupportRequest(Source.valueOf(c.source()), CHANNEL, c.externalId(), c.receivedAt(), person,
                new Consent(true, c.age() != null && c.age() < 15 ? "GUARDIAN" : "SELF", at(c.receivedAt())), offence,
                null, age.years(), null, routing);
    }

    private SupportRequest withoutConsent(String externalId, Instant receivedAt) {
        return new SupportRequest(Source.POLICE, CHANNEL, externalId, receivedAt, null,
                new Consent(false, null, null), null, null, null, null,
                router.route(KnownAge.UNKNOWN, null, null, null));
    }

    private Map<String, List<String>> districtsByJour() {
        Map<String, List<String>> byJour = new TreeMap<>();
        new TreeMap<>(router.districts().jourByDistrict())
                .forEach((district, jour) -> byJour.computeIfAbsent(jour, j -> new ArrayList<>()).add(district));
        return byJour;
    }

    private static Actor staff(String partner) {
        return new Actor("demo-" + partner, Role.STAFF, partner);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
