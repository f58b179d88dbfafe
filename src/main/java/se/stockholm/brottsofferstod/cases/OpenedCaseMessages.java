package se.stockholm.brottsofferstod.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of outbox rows stored without one (a case opened by an intake that sends its messages itself right
 * after its commit, whose send did not happen): built from their case rows when the relay sends them.
 */
@Component
class OpenedCaseMessages {

    private final CaseRepository cases;
    private final JsonMapper json;

    OpenedCaseMessages(CaseRepository cases, JsonMapper json) {
        this.cases = cases;
        this.json = json;
    }

    /**
     * The rows, each with its message; a row whose case is no longer stored (erased as a whole: nothing is left to
     * send) is handed to {@code gone} and left out.
     */
    List<CaseOutboxRow> withMessages(List<CaseOutboxRow> rows, Consumer<CaseOutboxRow> gone) {
        List<String> withoutBody = rows.stream().filter(r -> r.body() == null).map(CaseOutboxRow::caseReference).toList();
        if (withoutBody.isEmpty()) {
            return rows;
        }
        Map<String, String> bodies = new HashMap<>();
        for (SupportCase c : cases.findByCaseReferenceIn(withoutBody)) {
            bodies.put(c.getCaseReference(), json.writeValueAsString(CaseMessage.opened(c)));
        }
        List<CaseOutboxRow> complete = new ArrayList<>(rows.size());
        for (CaseOutboxRow row : rows) {
            if (row.body() != null) {
                complete.add(row);
            } else if (bodies.containsKey(row.caseReference())) {
                complete.add(row.withBody(bodies.get(row.caseReference())));
            } else {
                gone.accept(row);
            }
        }
        return complete;
    }
}
