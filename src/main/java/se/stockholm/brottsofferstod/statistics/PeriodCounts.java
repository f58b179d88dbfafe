package se.stockholm.brottsofferstod.statistics;

import java.util.List;

/** What the database counted for one period, before it is put together into a {@link Report}. */
record PeriodCounts(Period period, List<StatisticsQueries.CaseGroup> cases, List<StatisticsQueries.Handover> handovers,
                    List<StatisticsQueries.AttemptGroup> attempts, List<StatisticsQueries.ActionGroup> actions,
                    List<StatisticsQueries.LinkGroup> links, long noConsentReferrals,
                    StatisticsQueries.ServiceLevelCounts serviceLevel, List<Long> casesByQuarter) {
}
