package dev.actiongate;

import dev.actiongate.testing.CloudFormationYaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's step-by-step deploy stays true to the template: {@code sam deploy --guided} asks for every parameter, in template order. */
class DeployWalkthroughTest {

    private static final Pattern NAME = Pattern.compile("`(?:Parameter )?([A-Za-z]+)(?: \\[[^]]*])?`");

    @Test
    @SuppressWarnings("unchecked")
    void thePromptTableNamesEveryTemplateParameterInTheOrderSamAsksForThem() throws IOException {
        List<String> parameters = new ArrayList<>(((Map<String, Object>) CloudFormationYaml.read(Path.of("template.yaml")).get("Parameters")).keySet());
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Deploying, step by step");
        assertTrue(start >= 0, "README has the step-by-step deploy");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));

        List<String> prompted = new ArrayList<>();
        for (String row : section.lines().filter(line -> line.startsWith("| `Parameter ")).toList()) {
            String prompt = row.substring(2, row.indexOf(" | "));
            Matcher name = NAME.matcher(prompt);
            while (name.find()) {
                prompted.add(name.group(1));
            }
        }

        assertEquals(parameters, prompted);
    }
}
