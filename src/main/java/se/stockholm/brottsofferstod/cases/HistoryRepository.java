package se.stockholm.brottsofferstod.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface HistoryRepository extends JpaRepository<HistoryEntry, Long> {

    List<HistoryEntry> findByCaseIdOrderByOccurredAtAscIdAsc(long caseId);
}
