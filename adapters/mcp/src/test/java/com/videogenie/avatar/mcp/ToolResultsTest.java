package com.videogenie.avatar.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderResult;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a client gets back: the video as link, structure and summary, or an error saying what to fix. */
class ToolResultsTest {
    private static final ToolResults RESULTS = new ToolResults(McpJsonDefaults.getMapper());
    private static final RenderResult RESULT = new RenderResult("job-1", "file:///out/job-1.mp4", 8.0, 200, 512, 512, 25,
            42L, Map.of("total", 6300L), "cpu-warp", Map.of("render", "cpu-warp"), "libx264", List.of("The photo shows 2 faces; the largest one is animated."),
            null, null);

    @Test
    void rendersAsSummaryLinkAndStructuredResult() {
        CallToolResult result = RESULTS.rendered(RESULT, 123_456L, null);

        assertFalse(result.isError());
        McpSchema.TextContent summary = assertInstanceOf(McpSchema.TextContent.class, result.content().get(0));
        assertTrue(summary.text().contains("8.0 s"), summary.text());
        assertTrue(summary.text().contains("file:///out/job-1.mp4"), summary.text());
        assertTrue(summary.text().contains("Seed: 42"), summary.text());
        assertTrue(summary.text().contains("Warning: The photo shows 2 faces"), summary.text());

        McpSchema.ResourceLink link = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(1));
        assertEquals("file:///out/job-1.mp4", link.uri());
        assertEquals("job-1.mp4", link.name());
        assertEquals("video/mp4", link.mimeType());
        assertEquals(123_456L, link.size());

        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        assertEquals("file:///out/job-1.mp4", structured.get("outputUrl"));
        assertEquals(200, ((Number) structured.get("frames")).intValue());
        assertEquals(42L, ((Number) structured.get("seed")).longValue());
        assertEquals(List.of("The photo shows 2 faces; the largest one is animated."), structured.get("warnings"));
        assertEquals(2, result.content().size(), "no poster given, no image");
    }

    @Test
    void linksThePosterAndInlinesItWhenSmall() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

        CallToolResult result = RESULTS.rendered(RESULT, 1L, new ToolResults.Poster("file:///out/job-1.poster.jpg", jpeg));

        McpSchema.ResourceLink link = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(2));
        assertEquals("file:///out/job-1.poster.jpg", link.uri());
        assertEquals("image/jpeg", link.mimeType());
        McpSchema.ImageContent image = assertInstanceOf(McpSchema.ImageContent.class, result.content().get(3));
        assertEquals("image/jpeg", image.mimeType());
        assertEquals(Base64.getEncoder().encodeToString(jpeg), image.data());
    }

    @Test
    void onlyLinksAPosterTooLargeToInline() {
        CallToolResult result = RESULTS.rendered(RESULT, 1L,
                new ToolResults.Poster("file:///out/job-1.poster.jpg", new byte[ToolResults.MAX_POSTER_BYTES + 1]));

        assertEquals(3, result.content().size());
        assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(2));
    }

    @Test
    void linksAStoredVideoByItsDownloadUrl() {
        RenderResult stored = new RenderResult("job-2", "s3://clips/job-2.mp4", 8.0, 200, 512, 512, 25, 42L,
                Map.of("total", 6300L), "cpu-warp", Map.of("render", "cpu-warp"), "libx264", List.of(),
                "https://storage.example/clips/job-2.mp4?X-Amz-Signature=abc", "https://storage.example/clips/job-2.jpg?sig");

        CallToolResult result = RESULTS.rendered(stored, null, new ToolResults.Poster(stored.posterUrl(), null));

        McpSchema.ResourceLink video = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(1));
        assertEquals(stored.downloadUrl(), video.uri());
        assertEquals("job-2.mp4", video.name());
        McpSchema.ResourceLink poster = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(2));
        assertEquals(stored.posterUrl(), poster.uri());
        assertEquals(3, result.content().size(), "a remote poster is linked, not inlined");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeIsAnErrorResultThatNamesIt(ErrorCode code) {
        CallToolResult result = ToolResults.failed(new AvatarException(code, "Something about avatarUrl."));

        assertTrue(result.isError());
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertTrue(text.startsWith(code.name() + ": "), text);
        assertTrue(text.contains("avatar_path"), "the tool's argument name, not the core's: " + text);
        if (code.kind() == ErrorCode.Kind.INTERNAL) {
            assertTrue(text.contains("not of the inputs"), text);
        }
        if (code == ErrorCode.CANCELLED) {
            assertTrue(text.contains("No video was written"), text);
        }
    }

    @Test
    void busyTellsTheClientToRetry() {
        CallToolResult result = ToolResults.busy(4);

        assertTrue(result.isError());
        assertTrue(((McpSchema.TextContent) result.content().get(0)).text().contains("Try again"));
    }
}
