package se.stockholm.brottsofferstod.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface HandoverRepository extends JpaRepository<Handover, Long> {

    List<Handover> findByCaseIdOrderByLinkedAt(long caseId);
}
