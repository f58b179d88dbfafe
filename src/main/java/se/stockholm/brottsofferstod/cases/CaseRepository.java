package se.stockholm.brottsofferstod.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CaseRepository extends JpaRepository<SupportCase, Long> {

    Optional<SupportCase> findByCaseReference(String caseReference);

    List<SupportCase> findByCaseReferenceIn(Collection<String> caseReferences);

    @Query("""
            SELECT c FROM SupportCase c
            WHERE (:partner IS NULL OR c.partner = :partner) AND (:status IS NULL OR c.status = :status)""")
    Page<SupportCase> search(String partner, CaseStatus status, Pageable page);

    /** Per holder: open cases, open ones without an attempt received before {@code lateBefore}, closed as not reached. */
    @Query("""
            SELECT c.partner,
                   SUM(CASE WHEN c.status <> se.stockholm.brottsofferstod.cases.CaseStatus.CLOSED THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.status <> se.stockholm.brottsofferstod.cases.CaseStatus.CLOSED AND c.firstAttemptAt IS NULL
                            AND c.receivedAt < :lateBefore THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.closeOutcome = 'NOT_REACHED' THEN 1 ELSE 0 END)
            FROM SupportCase c GROUP BY c.partner""")
    List<Object[]> queueCounts(Instant lateBefore);

    @Query("""
            SELECT c.id FROM SupportCase c
            WHERE c.status = se.stockholm.brottsofferstod.cases.CaseStatus.NEW AND c.firstAttemptAt IS NULL
              AND c.reminderSentAt IS NULL AND c.receivedAt < :receivedBefore""")
    List<Long> withoutAttemptSince(Instant receivedBefore);

    @Query("""
            SELECT c.id FROM SupportCase c
            WHERE c.status = se.stockholm.brottsofferstod.cases.CaseStatus.CLOSED AND c.closedAt < :closedBefore
              AND c.personalDataErasedAt IS NULL""")
    List<Long> closedBeforeAndNotErased(Instant closedBefore);
}
