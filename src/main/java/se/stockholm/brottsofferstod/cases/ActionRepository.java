package se.stockholm.brottsofferstod.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ActionRepository extends JpaRepository<Action, Long> {

    List<Action> findByCaseIdOrderByPerformedAt(long caseId);
}
