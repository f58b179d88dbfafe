package se.stockholm.brottsofferstod.sms;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The conversations and the replies given, in the database; call within a transaction. */
@Component
class Conversations {

    /** One conversation row: {@code state} is {@code null} for a number that has not written yet or wrote STOPP. */
    record Row(long id, String phoneKey, String phone, String gateway, String caseKey, Conversation state,
               Instant startedAt, Instant lastMessageAt, String lastMessageKey) {

        /** Created for this message: no message was taken on it yet, and its case key is new. */
        boolean isNew() {
            return state == null && lastMessageKey == null;
        }
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Conversations(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The number's conversation, locked until the transaction ends; created (empty) on its first message. */
    Row lock(String phoneKey, String gateway, Instant at) {
        Optional<Row> row = find("phone_key = ? FOR UPDATE", phoneKey);
        if (row.isPresent()) {
            return row.get();
        }
        // the new row is this transaction's until it ends: it is not read back
        String caseKey = newCaseKey();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sms_conversation (phone_key, gateway, stage, case_key, started_at, last_message_at)
                    VALUES (?, ?, 'STOPPED', ?, ?, ?)""", new String[] {"id"});
            insert.setString(1, phoneKey);
            insert.setString(2, gateway);
            insert.setString(3, caseKey);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setTimestamp(5, Timestamp.from(at));
            return insert;
        }, id);
        return new Row(id.getKeyAs(Long.class), phoneKey, null, gateway, caseKey, null, at, at, null);
    }

    Optional<Row> lock(long id) {
        return find("id = ? FOR UPDATE", id);
    }

    /** The conversation as last committed, without a lock. */
    Optional<Row> read(long id) {
        return find("id = ?", id);
    }

    /** Conversations that asked a question and heard nothing since the given time. */
    List<Long> stalledSince(Instant before, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM sms_conversation WHERE stage = 'ASKING' AND last_message_at < ?
                ORDER BY last_message_at FETCH FIRST %d ROWS ONLY""".formatted(limit), Long.class, Timestamp.from(before));
    }

    void save(Row row, Conversation state, String phone, Instant lastMessageAt, String lastMessageKey) {
        jdbc.update("""
                UPDATE sms_conversation SET stage = ?, state = ?, phone = ?, gateway = ?, last_message_at = ?, last_message_key = ?
                WHERE id = ?""", state.stage().name(), json.writeValueAsString(state), phone, row.gateway(),
                Timestamp.from(lastMessageAt), lastMessageKey, row.id());
    }

    /** A new conversation on the same number: a new case key, so it opens its own case. */
    void restart(Row row, String gateway, Instant at) {
        jdbc.update("UPDATE sms_conversation SET gateway = ?, case_key = ?, started_at = ? WHERE id = ?", gateway,
                newCaseKey(), Timestamp.from(at), row.id());
    }

    /** STOPP: nothing of what the person wrote, nor their number, stays. */
    void erase(Row row, Instant at, String lastMessageKey) {
        jdbc.update("""
                UPDATE sms_conversation SET stage = 'STOPPED', state = NULL, phone = NULL, last_message_at = ?,
                    last_message_key = ? WHERE id = ?""", Timestamp.from(at), lastMessageKey, row.id());
    }

    Optional<String> reply(String messageKey) {
        return jdbc.queryForList("SELECT reply FROM sms_reply WHERE message_key = ?", String.class, messageKey).stream().findFirst();
    }

    void remember(String messageKey, String reply, Instant at) {
        jdbc.update("INSERT INTO sms_reply (message_key, reply, created_at) VALUES (?, ?, ?)", messageKey, reply, Timestamp.from(at));
    }

    /**
     * Conversations that ended (stopped, or their case opened) and heard nothing since: the row, and with it the number's
     * key, goes. A later SMS from the number starts afresh and still joins the person's open case by the case's key.
     */
    int forgetEndedBefore(Instant before) {
        return jdbc.update("DELETE FROM sms_conversation WHERE stage IN ('STOPPED', 'OPEN') AND last_message_at < ?",
                Timestamp.from(before));
    }

    /** Replies older than any gateway retry are not needed any more. */
    int forgetRepliesBefore(Instant before) {
        return jdbc.update("DELETE FROM sms_reply WHERE created_at < ?", Timestamp.from(before));
    }

    private Optional<Row> find(String where, Object value) {
        return jdbc.query("""
                SELECT id, phone_key, phone, gateway, case_key, state, started_at, last_message_at, last_message_key
                FROM sms_conversation WHERE\s""" + where, (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6) == null ? null : json.readValue(rs.getString(6), Conversation.class),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9)), value).stream().findFirst();
    }

    private static String newCaseKey() {
        return "sms-conversation-" + UUID.randomUUID();
    }
}
