package se.stockholm.brottsofferstod.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Searches every column of every table of the database (H2's schema is PUBLIC, PostgreSQL's public) for values that must not be there (the privacy sweep). */
public final class DatabaseSweep {

    private DatabaseSweep() {
    }

    /** Where each value was found, as {@code table.COLUMN holds value}; empty when none is anywhere. */
    public static List<String> find(JdbcTemplate jdbc, List<String> values) {
        List<String> found = new ArrayList<>();
        for (String table : jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE UPPER(table_schema) = 'PUBLIC' AND table_type = 'BASE TABLE'",
                String.class)) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
                for (Map.Entry<String, Object> column : row.entrySet()) {
                    String value = String.valueOf(column.getValue());
                    values.stream().filter(value::contains)
                            .forEach(v -> found.add("table " + table + "." + column.getKey() + " holds " + v));
                }
            }
        }
        return found;
    }
}
