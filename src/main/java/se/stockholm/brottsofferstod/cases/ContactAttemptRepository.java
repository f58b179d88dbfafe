package se.stockholm.brottsofferstod.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ContactAttemptRepository extends JpaRepository<ContactAttempt, Long> {

    List<ContactAttempt> findByCaseIdOrderByAttemptedAt(long caseId);
}
