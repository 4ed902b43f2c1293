package com.videogenie.avatar.http;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: the browser page that speaks to {@code /live} ({@code static/index.html}). Spring's
 * welcome page would serve it, but {@code POST /} (CloudEvents) claims the path first.
 */
@RestController
class LivePage {
    private static final Resource PAGE = new ClassPathResource("static/index.html");

    @GetMapping("/")
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
