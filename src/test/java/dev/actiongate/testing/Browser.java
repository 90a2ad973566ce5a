package dev.actiongate.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's browser in front of ActionGate, as far as cookies go: it keeps the cookies ActionGate sets, by
 * name, and sends them back with every request. Like a browser it refuses a {@code __Host-} cookie that is
 * not Secure, has a Domain or another Path than {@code /} (RFC 6265bis §4.1.3.2), and forgets a cookie set
 * with {@code Max-Age=0}. Secure cookies are kept for the local server's {@code http://localhost} as
 * browsers keep them for loopback.
 */
public final class Browser {

    private static final Pattern HIDDEN_TICKET = Pattern.compile("<input type=\"hidden\" name=\"ticket\" value=\"([^\"]+)\">");

    private final Transport gate;
    private final Map<String, String> jar = new LinkedHashMap<>();

    public Browser(Transport gate) {
        this.gate = gate;
    }

    /** A top-level navigation: {@code Accept: text/html} and the cookies. */
    public Transport.Answer get(String pathAndQuery) {
        return keep(gate.get(pathAndQuery, headers(Map.of())));
    }

    /** A form's POST. */
    public Transport.Answer post(String path, Map<String, String> form) {
        return keep(gate.post(path, headers(Map.of("content-type", "application/x-www-form-urlencoded")), ChatGptAndBrowser.form(form)));
    }

    /** Approve on the consent page this browser was shown: the POST the page's form makes. */
    public Transport.Answer approve(Transport.Answer page) {
        return post("/authorize/consent", Map.of("ticket", ticket(page), "decision", "approve"));
    }

    /** The cookies held, by name. */
    public Map<String, String> cookies() {
        return Map.copyOf(jar);
    }

    /** As when the person clears a cookie, or the request comes from another browser. */
    public void forget(String name) {
        jar.remove(name);
    }

    /** As when another page's cookie is in this browser, say one copied from another browser. */
    public void set(String name, String value) {
        jar.put(name, value);
    }

    /** The sealed ticket of a consent page. */
    public static String ticket(Transport.Answer page) {
        Matcher matcher = HIDDEN_TICKET.matcher(page.body());
        assertTrue(matcher.find(), page.body());
        return matcher.group(1);
    }

    /** The {@code Set-Cookie} of the answer for this cookie, attributes included, or null. */
    public static String setCookie(Transport.Answer answer, String name) {
        return answer.cookies().stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst().orElse(null);
    }

    /** The attributes of a {@code Set-Cookie}, names in lower case (RFC 6265 §5.2 compares them so). */
    public static Map<String, String> attributes(String setCookie) {
        List<String> parts = List.of(setCookie.split(";"));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            attributes.put((eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT), eq < 0 ? "" : part.substring(eq + 1).trim());
        }
        return attributes;
    }

    private Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("accept", "text/html");
        if (!jar.isEmpty()) {
            StringBuilder cookie = new StringBuilder();
            jar.forEach((name, value) -> cookie.append(cookie.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            headers.put("cookie", cookie.toString());
        }
        return headers;
    }

    private Transport.Answer keep(Transport.Answer answer) {
        for (String setCookie : answer.cookies()) {
            String pair = setCookie.split(";")[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            Map<String, String> attributes = attributes(setCookie);
            if (name.startsWith("__Host-") && (!attributes.containsKey("secure") || attributes.containsKey("domain")
                    || !"/".equals(attributes.get("path")))) {
                continue;
            }
            if ("0".equals(attributes.get("max-age"))) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return answer;
    }
}
