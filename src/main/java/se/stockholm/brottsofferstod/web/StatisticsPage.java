package se.stockholm.brottsofferstod.web;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.stockholm.brottsofferstod.statistics.InvalidPeriodException;
import se.stockholm.brottsofferstod.statistics.ReportingPeriods;
import se.stockholm.brottsofferstod.statistics.StatisticsDocuments;

/**
 * The coordinator's statistics: a period from the reporting periods or any from/to, the key figures, the printable
 * report and the CSV, all from the same service and checks as {@code GET /api/statistics}.
 */
@Controller
class StatisticsPage {

    private final StatisticsDocuments statistics;
    private final StaffPages pages;

    StatisticsPage(StatisticsDocuments statistics, StaffPages pages) {
        this.statistics = statistics;
        this.pages = pages;
    }

    @GetMapping("/desk/statistics")
    String statistics(Authentication user, @RequestParam(required = false) String period,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String agreement, Model model) {
        String chosen = agreement == null || !pages.agreementNames().containsKey(agreement) ? statistics.homeAgreement() : agreement;
        List<ReportingPeriods.Named> periods = statistics.periods(chosen);
        model.addAttribute("agreement", chosen);
        model.addAttribute("agreementNames", pages.agreementNames());
        model.addAttribute("actor", pages.actor(user));
        model.addAttribute("periods", periods);
        model.addAttribute("partnerNames", pages.partnerNames());
        if (period != null && !period.isBlank()) {
            periods.stream().filter(p -> (p.from() + "/" + p.to()).equals(period)).findFirst().ifPresent(p -> {
                model.addAttribute("from", p.from().toString());
                model.addAttribute("to", p.to().toString());
            });
        } else if (from != null && !from.isBlank()) {
            model.addAttribute("from", from.strip());
            model.addAttribute("to", to == null ? "" : to.strip());
        }
        model.addAttribute("period", period);
        if (model.getAttribute("from") != null) {
            try {
                model.addAttribute("report", statistics.report((String) model.getAttribute("from"), (String) model.getAttribute("to"),
                        chosen));
            } catch (InvalidPeriodException e) {
                model.addAttribute("invalidField", e.field());
                model.addAttribute("refusal", e.getMessage());
            }
        }
        return "web/statistics";
    }

    @GetMapping(StaffPagesSecurity.PRINTABLE_REPORT)
    ResponseEntity<String> printable(@RequestParam String from, @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String agreement) {
        return statistics.printable(from, to, agreement);
    }

    @GetMapping("/desk/statistics/csv")
    ResponseEntity<byte[]> csv(@RequestParam String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String agreement) {
        return statistics.csv(from, to, agreement);
    }
}
