package dev.actiongate.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's local command with a bad setting: exit status 1 and one line naming the setting. */
class LocalStartupFailureTest {

    @Test
    void aBadSettingStopsTheLocalServerWithOneLine() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"),
                "-cp", System.getProperty("java.class.path"), LocalActionGate.class.getName());
        builder.environment().put("ACTIONGATE_IDP_ISSUER", "http://idp.example.com");
        builder.environment().put("MICRONAUT_SERVER_PORT", "-1");
        builder.redirectErrorStream(false);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends by itself");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, process.exitValue());
        List<String> lines = stderr.lines().filter(line -> !line.startsWith("WARNING:")).toList();
        assertEquals(List.of("Setting actiongate.idp.issuer (ACTIONGATE_IDP_ISSUER) must use https:// "
                + "(plain http is only accepted for localhost)"), lines);
        assertTrue(!stdout.contains("\tat ") && !stderr.contains("\tat "), "no stack trace:\n" + stdout + stderr);
    }
}
