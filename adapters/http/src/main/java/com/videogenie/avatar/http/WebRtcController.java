package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.live.LiveOptions;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live avatar as a WebRTC peer, signalled in the WHIP style ({@code docs/live.md}, "WebRTC"):
 * {@code POST /live/webrtc} with the client's SDP offer ({@code application/sdp}, the photo by
 * {@code avatarUrl}; or {@code multipart/form-data} with parts {@code offer} and {@code photo}) and
 * the session's options as query parameters answers {@code 201} with the SDP answer and the
 * session's {@code Location}; {@code DELETE} on it ends the session. Errors have the JSON routes' body.
 */
@RestController
class WebRtcController {
    static final String PATH = "/live/webrtc";
    private static final Set<String> OPTIONS = Set.of("avatarUrl", "width", "height", "fps", "seed", "lookAheadMs",
            "renderer");

    private final WebRtcSessions sessions;
    private final LiveSettings settings;

    WebRtcController(WebRtcSessions sessions, LiveSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @PostMapping(PATH)
    ResponseEntity<String> offer(HttpServletRequest http) throws IOException {
        String type = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        String offer;
        byte[] photo = null;
        if (type.startsWith("application/sdp")) {
            offer = text(http.getInputStream().readNBytes(SdpOffer.MAX_CHARS + 1));
        } else if (type.startsWith("multipart/form-data")) {
            offer = null;
            try {
                for (Part part : http.getParts()) {
                    if (part.getName().equals("offer") && part.getSubmittedFileName() == null) {
                        offer = text(part.getInputStream().readNBytes(SdpOffer.MAX_CHARS + 1));
                    } else if (part.getName().equals("photo")) {
                        photo = part.getInputStream().readNBytes(LiveSocketHandler.MAX_IMAGE_BYTES + 1);
                        if (photo.length > LiveSocketHandler.MAX_IMAGE_BYTES) {
                            throw new AvatarException(ErrorCode.INPUT_TOO_LARGE, "The photo is over "
                                    + (LiveSocketHandler.MAX_IMAGE_BYTES >> 20) + " MB. Send a smaller photo.");
                        }
                    } else {
                        throw new AvatarException(ErrorCode.INVALID_REQUEST, "Unexpected form part '" + part.getName()
                                + "': send the SDP offer as 'offer' and the photo file as 'photo'.");
                    }
                }
            } catch (ServletException e) {
                throw new AvatarException(ErrorCode.INVALID_REQUEST, "The multipart body cannot be read: "
                        + e.getMessage());
            }
        } else {
            throw new AvatarException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "POST " + PATH + " reads an SDP offer"
                    + " (Content-Type application/sdp) or multipart/form-data with the parts offer and photo, got "
                    + (type.isEmpty() ? "no Content-Type" : type) + ".");
        }
        WebRtcSessions.Answer answer = sessions.open(options(http.getQueryString(), photo), offer);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(PATH + "/" + answer.id()))
                .header("Content-Type", "application/sdp")
                .body(answer.sdp());
    }

    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<Void> end(@PathVariable("id") String id) {
        if (!sessions.end(id)) {
            throw new AvatarException(ErrorCode.NOT_FOUND, "No live WebRTC session " + id + " is open here.");
        }
        return ResponseEntity.noContent().build();
    }

    private static String text(byte[] bytes) {
        if (bytes.length > SdpOffer.MAX_CHARS) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The SDP offer is over " + SdpOffer.MAX_CHARS + " bytes.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The session's options from the query (the WebSocket start message's fields, as text). */
    private LiveOptions options(String query, byte[] photo) {
        try {
            QueryFields fields = QueryFields.parse(query, OPTIONS);
            if ((fields.text("avatarUrl") == null) == (photo == null)) {
                throw new IllegalArgumentException("give the photo either as ?avatarUrl=... or as the multipart part"
                        + " 'photo', not both and not neither");
            }
            return LiveStart.options(fields, photo, settings.maxSeconds());
        } catch (IllegalArgumentException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "Invalid session options: " + e.getMessage());
        }
    }
}
