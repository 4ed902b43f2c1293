package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's error table is the one place codes are documented: every code, with its status, and nothing else. */
class ErrorCodeTableTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (\\d{3}) \\|");

    @Test
    void theReadmeTableListsEveryCodeWithItsStatus() throws Exception {
        String readme = Files.readString(TestAssets.repositoryRoot().resolve("README.md"));
        int table = readme.indexOf("### Error codes");
        readme = readme.substring(table, readme.indexOf("\n## ", table));
        Map<String, Integer> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.put(code.name(), code.httpStatus());
        }
        assertEquals(codes, documented);
    }
}
