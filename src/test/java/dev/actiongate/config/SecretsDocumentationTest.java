package dev.actiongate.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's commands and bin/put-secrets.sh create exactly the parameters the functions read. */
class SecretsDocumentationTest {

    private static final Set<String> READ = Arrays.stream(SecretParameter.values())
            .map(secret -> secret.path("prod")).collect(Collectors.toSet());

    @Test
    void readmeCreatesEverySecretTheFunctionsRead() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertEquals(READ, found(Pattern.compile("aws ssm put-parameter --type SecureString --overwrite --name (\\S+)"), readme));
    }

    @Test
    void scriptCreatesEverySecretTheFunctionsRead() throws IOException {
        String script = Files.readString(Path.of("bin/put-secrets.sh"));
        Set<String> written = found(Pattern.compile("^\\s*put (\\S+) ", Pattern.MULTILINE), script).stream()
                .map(name -> "/actiongate/prod/" + name).collect(Collectors.toSet());
        assertEquals(READ, written);
    }

    private static Set<String> found(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        Set<String> names = new java.util.HashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
