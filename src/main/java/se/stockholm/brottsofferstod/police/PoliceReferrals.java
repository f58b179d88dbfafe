package se.stockholm.brottsofferstod.police;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.IntakeOutcome;
import se.stockholm.brottsofferstod.intake.Redeliveries;
import se.stockholm.brottsofferstod.intake.RejectedRequestException;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.TextFields;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.Router;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The police referral feed's entry: one flow behind its three channels (REST, file inbox, JMS). Each
 * referral is checked against the contract's schema and the identity-number rules, normalised, routed
 * and handed to the case store in chunks.
 */
@Service
public class PoliceReferrals {

    private static final String POLICE = Source.POLICE.name();
    static final String REST = "REST";
    static final String FILE = "FILE";
    static final String JMS = "JMS";
    private static final Logger log = LoggerFactory.getLogger(PoliceReferrals.class);
    static final String NUMBER_OUT_OF_RANGE = "is a number out of range";
    static final String CONTROL_CHARACTER = "contains a control character (NUL or another non-printing character)";

    private final ReferralReader reader = new ReferralReader();
    private final ReferralSchema schema = new ReferralSchema();
    private final ReferralNormalizer normalizer;
    private final CaseIntake cases;
    private final Clock clock;
    private final long maxBodyBytes;
    private final int chunkSize;
    private final int maxLineChars;
    private final long maxFileBytes;
    /** The file inbox's second stage: stores one chunk while the route's thread reads and checks the next. */
    private final ExecutorService storer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "police-file-store");
        thread.setDaemon(true);
        return thread;
    });

    PoliceReferrals(Router router, CaseIntake cases,
                    @Value("${intake.police.max-body-size}") DataSize maxBodySize,
                    @Value("${intake.police.chunk-size}") int chunkSize,
                    @Value("${intake.police.max-line-size}") DataSize maxLineSize,
                    @Value("${intake.police.max-file-size}") DataSize maxFileSize, Clock clock) {
        this.clock = clock;
        this.normalizer = new ReferralNormalizer(router);
        this.cases = cases;
        this.maxBodyBytes = maxBodySize.toBytes();
        this.chunkSize = chunkSize;
        this.maxLineChars = (int) Math.min(Integer.MAX_VALUE - 8, maxLineSize.toBytes());
        this.maxFileBytes = maxFileSize.toBytes();
    }

    @PreDestroy
    void stopStoring() {
        storer.shutdown();
    }

    /** The REST answer: one result per referral, in the order sent. */
    public record Results(List<Result> results) {
    }

    public record Result(String referralId, IntakeOutcome.Status status, String caseReference) {
    }

    /**
     * A POST of one referral or a batch. Validation is all or nothing: if any referral is invalid none is
     * taken and the request is refused naming each offending referral and field. Storage goes a chunk at a
     * time; if it fails part-way the caller sends the batch again and the stored part answers DUPLICATE.
     */
    public Results takeFromRest(InputStream body, Long contentLength) {
        byte[] bytes = readBounded(body, contentLength);
        Instant receivedAt = clock.instant();
        List<SupportRequest> requests = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (ReferralReader.Item item : reader.readJson(bytes)) {
            check(item, REST, receivedAt, requests, rejections, () -> new String(bytes, StandardCharsets.UTF_8));
        }
        if (!rejections.isEmpty()) {
            throw new RejectedRequestException(400, "Invalid police referral", rejections);
        }
        List<Result> results = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += chunkSize) {
            cases.openAndSend(requests.subList(from, Math.min(requests.size(), from + chunkSize)))
                    .forEach(o -> results.add(new Result(o.externalId(), o.status(), o.caseReference())));
        }
        return new Results(results);
    }

    /** One referral from the JMS queue. */
    public Result takeMessage(String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        List<ReferralReader.Item> items = reader.readJson(bytes);
        List<SupportRequest> requests = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        if (items.size() > 1) {
            rejections.add(new Rejection(POLICE, JMS, null, null, null,
                    "a message carries one referral, not an array", body));
        } else {
            check(items.get(0), JMS, clock.instant(), requests, rejections, () -> body);
        }
        if (!rejections.isEmpty()) {
            throw new RejectedRequestException(400, "Invalid police referral", rejections);
        }
        IntakeOutcome outcome = cases.open(requests).get(0);
        return new Result(outcome.externalId(), outcome.status(), outcome.caseReference());
    }

    /**
     * The dead letter of a queue message that failed on our side however often the route tried it
     * (redelivery): named by its referral id when that can be read, with the original for a replay.
     */
    public List<Rejection> exhausted(@Body String body, @ExchangeException Exception cause,
                                     @Header(Redeliveries.HEADER) Integer redeliveries) {
        String referralId = null;
        try {
            List<ReferralReader.Item> items = reader.readJson(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
            referralId = items.size() == 1 ? referralIdOf(items.get(0).node()) : null;
        } catch (RuntimeException unreadable) {
            // named by nothing but the queue
        }
        return List.of(new Rejection(POLICE, JMS, referralId, null, null, Redeliveries.reason(cause, redeliveries), body));
    }

    /**
     * A file from the inbox: JSON (object or array) or NDJSON, streamed. Valid referrals are taken,
     * invalid ones come back as rejections for the dead-letter channel and the file's report.
     */
    public List<Rejection> takeFile(File file, @Headers Map<String, Object> headers) {
        headers.put(InboxRetention.MOVE_TO, InboxRetention.KEPT + "/" + file.getName());
        Instant receivedAt = clock.instant();
        if (file.length() > maxFileBytes) {
            log.warn("Police file inbox: a file of {} bytes is over the limit of {} and is not read", file.length(), maxFileBytes);
            return List.of(new Rejection(POLICE, FILE, null, null, null, "the file is larger than the limit of "
                    + maxFileBytes + " bytes; send it in smaller files", ""));
        }
        FileIntake intake = new FileIntake(receivedAt);
        try (InputStream in = Files.newInputStream(file.toPath())) {
            if (file.getName().endsWith(".ndjson")) {
                reader.readNdjson(in, maxLineChars, intake::accept);
            } else {
                reader.readJson(in, false, intake::accept);
            }
        } catch (IOException e) {
            intake.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            intake.abandon();
            throw e;
        }
        intake.finish();
        if (intake.statuses.contains(IntakeOutcome.Status.NO_CONSENT)) {
            // a referral without consent may leave nothing personal behind: the file goes at once, not after a while
            headers.put(InboxRetention.MOVE_TO, InboxRetention.ERASED_AT_ONCE + "/" + file.getName());
        }
        log.info("Police file inbox: {} referrals taken ({}), {} rejected", intake.taken,
                intake.byStatus(), intake.rejections.size());
        return intake.rejections;
    }

    /**
     * Takes a file's referrals a chunk at a time, so that a large file never sits in memory whole. Reading and
     * checking go on on the route's thread while the chunk before is stored on the storing thread (a pipeline of
     * two stages, one chunk in flight): the parser never waits for the database, nor the database for the parser.
     */
    private final class FileIntake {
        private final Instant receivedAt;
        private final Map<String, String> logContext = MDC.getCopyOfContextMap();
        private List<SupportRequest> chunk = new ArrayList<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<IntakeOutcome.Status> statuses = new ArrayList<>();
        private Future<?> storing = CompletableFuture.completedFuture(null);
        private int taken;

        FileIntake(Instant receivedAt) {
            this.receivedAt = receivedAt;
        }

        void accept(ReferralReader.Item item) {
            check(item, FILE, receivedAt, chunk, rejections, () -> null);
            if (chunk.size() >= chunkSize) {
                storeInBackground();
            }
        }

        /** Hands the chunk to the storing thread once the chunk before it is stored. */
        private void storeInBackground() {
            awaitStored();
            List<SupportRequest> full = chunk;
            chunk = new ArrayList<>();
            storing = storer.submit(() -> {
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    for (IntakeOutcome outcome : cases.openAndSend(full)) {
                        statuses.add(outcome.status());
                        taken++;
                    }
                } finally {
                    MDC.clear();
                }
            });
        }

        /** Waits for the chunk in flight; a failure to store it fails the file, which stays for the next poll. */
        private void awaitStored() {
            try {
                storing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing a police file's referrals", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Stores the last chunk and waits until every chunk is stored. */
        void finish() {
            storeInBackground();
            awaitStored();
        }

        /** After a failed read: the chunk in flight is waited for, so the next poll never overlaps it. */
        void abandon() {
            try {
                storing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // the read's own failure is the one reported; a repeat of the file answers what was stored as DUPLICATE
            }
        }

        String byStatus() {
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())).toString();
        }
    }

    private void check(ReferralReader.Item item, String channel, Instant receivedAt, List<SupportRequest> requests,
                       List<Rejection> rejections, Supplier<String> wholeDelivery) {
        String referralId = referralIdOf(item.node());
        if (item.parseError() != null) {
            rejections.add(rejection(channel, referralId, item, List.of(item.parseError()), payload(item, wholeDelivery)));
            return;
        }
        List<Violation> violations;
        String outOfRange = item.node().isObject() ? firstNumberBeyondLong(item.node(), "") : null;
        if (outOfRange != null) {
            // the validator reads a number such as 1e20 as a long for its minimum and maximum, and fails on it
            violations = List.of(new Violation(outOfRange, NUMBER_OUT_OF_RANGE));
        } else {
            try {
                violations = schema.check(item.node());
            } catch (JacksonException unexpectedType) {
                // a field of a JSON type a validator did not expect (JsonNodeException): the sender's error, never ours
                violations = List.of(new Violation(fieldOf(unexpectedType), "has a JSON type the schema does not allow"));
            }
        }
        String withControl = violations.isEmpty() ? TextFields.firstWithControlCharacter(item.node()) : null;
        if (withControl != null) {
            violations = List.of(new Violation(withControl, CONTROL_CHARACTER));
        }
        if (!violations.isEmpty()) {
            rejections.add(rejection(channel, referralId, item, violations, payload(item, wholeDelivery)));
            return;
        }
        try {
            PoliceReferral referral = reader.json().treeToValue(item.node(), PoliceReferral.class);
            requests.add(normalizer.normalize(referral, channel, receivedAt));
        } catch (ReferralNormalizer.InvalidReferralException e) {
            rejections.add(rejection(channel, referralId, item, List.of(e.violation()), payload(item, wholeDelivery)));
        } catch (JacksonException e) {
            rejections.add(rejection(channel, referralId, item,
                    List.of(new Violation(fieldOf(e), "cannot be read as the schema's type")), payload(item, wholeDelivery)));
        }
    }

    /** The original of a refused referral, for the dead-letter queue. */
    private String payload(ReferralReader.Item item, Supplier<String> wholeDelivery) {
        if (item.raw() != null) {
            return item.raw();
        }
        return item.node() != null ? reader.json().writeValueAsString(item.node()) : wholeDelivery.get();
    }

    private static Rejection rejection(String channel, String referralId, ReferralReader.Item item, List<Violation> violations,
                                       String payload) {
        Violation first = violations.get(0);
        String reason = first.reason();
        if (violations.size() > 1) {
            reason += "; also " + violations.subList(1, violations.size()).stream()
                    .map(v -> (v.field() != null ? v.field() + ": " : "") + v.reason())
                    .collect(Collectors.joining("; "));
        }
        return new Rejection(POLICE, channel, referralId, item.label(), first.field(), reason, payload);
    }

    private static String referralIdOf(JsonNode node) {
        if (node == null || !node.path("referralId").isString()) {
            return null;
        }
        String id = node.path("referralId").asString();
        return id.isEmpty() || id.length() > 64 ? null : id;
    }

    /** The dotted path of the first number that no 64-bit integer holds (1e20, -4.5e19, 2^63), or null. */
    static String firstNumberBeyondLong(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.canConvertToLong() ? null : path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String found = firstNumberBeyondLong(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstNumberBeyondLong(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String fieldOf(JacksonException e) {
        String path = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
                .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
        return path.isEmpty() ? null : path;
    }

    private byte[] readBounded(InputStream body, Long contentLength) {
        if (contentLength != null && contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RejectedRequestException tooLarge() {
        return new RejectedRequestException(413, "Payload Too Large", List.of(new Rejection(POLICE, REST, null, null,
                null, "the body is larger than the limit of " + maxBodyBytes + " bytes; send the batch in smaller parts", "")));
    }
}
