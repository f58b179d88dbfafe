package se.stockholm.brottsofferstod.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface LinkRepository extends JpaRepository<Link, Long> {

    List<Link> findByCaseIdOrderByLinkedAt(long caseId);
}
