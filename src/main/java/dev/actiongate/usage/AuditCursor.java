package dev.actiongate.usage;

import dev.actiongate.web.ApiException;
import dev.actiongate.web.ErrorCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code listAuditEvents}' {@code nextCursor}: the question of the first page (filters and range) and where in
 * the trail the next page starts, bound to the person who asked, with a SHA-256 check value over both. Any change
 * to it, and its use by another sign-in, is a 400. It is checked, not keyed: the API function holds no key of
 * its own (the state key is the bridge's alone), and a made-up cursor gains nothing, because every page applies
 * again who may see what; the check keeps a mangled cursor from silently answering another question.
 */
final class AuditCursor {

    private static final String VERSION = "a1";
    private static final byte[] LABEL = "actiongate/audit-cursor/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECK_BYTES = 16;
    private static final int MAX_LENGTH = 4_096;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final char NONE = '\u0000';

    /** The question a cursor goes on with, and the store's position to read on from. */
    record Position(AuditFilters filters, String resume) {
    }

    private AuditCursor() {
    }

    static String encode(String subject, AuditFilters filters, String resume) {
        String payload = String.join("\n", field(filters.repo()), field(filters.person()), field(filters.operation()),
                field(filters.outcome()), filters.from().toString(), filters.to().toString(), resume);
        byte[] text = payload.getBytes(StandardCharsets.UTF_8);
        byte[] check = check(subject, text);
        byte[] both = Arrays.copyOf(text, text.length + check.length);
        System.arraycopy(check, 0, both, text.length, check.length);
        return VERSION + ENCODER.encodeToString(both);
    }

    static Position decode(String subject, String cursor) {
        if (cursor.length() > MAX_LENGTH || !cursor.startsWith(VERSION)) {
            throw invalid();
        }
        byte[] both;
        try {
            both = DECODER.decode(cursor.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (both.length <= CHECK_BYTES) {
            throw invalid();
        }
        byte[] text = Arrays.copyOf(both, both.length - CHECK_BYTES);
        if (!MessageDigest.isEqual(check(subject, text), Arrays.copyOfRange(both, text.length, both.length))) {
            throw invalid();
        }
        List<String> fields = List.of(new String(text, StandardCharsets.UTF_8).split("\n", -1));
        if (fields.size() != 7) {
            throw invalid();
        }
        try {
            return new Position(new AuditFilters(value(fields.get(0)), value(fields.get(1)), value(fields.get(2)), value(fields.get(3)),
                    Instant.parse(fields.get(4)), Instant.parse(fields.get(5))), fields.get(6));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    static ApiException invalid() {
        return ErrorCode.CURSOR_INVALID.refusal("This cursor is not one ActionGate gave you for these events; "
                + "ask again without a cursor, then pass the nextCursor of that answer.");
    }

    private static String field(String value) {
        return value == null ? String.valueOf(NONE) : value;
    }

    private static String value(String field) {
        return field.equals(String.valueOf(NONE)) ? null : field;
    }

    private static byte[] check(String subject, byte[] text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] who = subject.getBytes(StandardCharsets.UTF_8);
            sha256.update(LABEL);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(who.length).array());
            sha256.update(who);
            return Arrays.copyOf(sha256.digest(text), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
