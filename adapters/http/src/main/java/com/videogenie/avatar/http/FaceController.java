package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /faces}: the photo's bytes in, where its face is out, so a page can show the face
 * box (or the no-face error) before anything is rendered. Errors have the JSON route's body.
 */
@RestController
class FaceController {
    private final RenderService service;

    FaceController(RenderService service) {
        this.service = service;
    }

    @PostMapping("/faces")
    RenderAvatar.FoundFace find(HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType();
        if (!type.startsWith("image/") && !type.startsWith("application/octet-stream")) {
            throw new AvatarException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "POST /faces reads the photo file itself"
                    + " (Content-Type image/*), got " + (type.isEmpty() ? "no Content-Type" : type) + ".");
        }
        byte[] image = request.getInputStream().readNBytes(LiveSocketHandler.MAX_IMAGE_BYTES + 1);
        if (image.length > LiveSocketHandler.MAX_IMAGE_BYTES) {
            throw new AvatarException(ErrorCode.REQUEST_TOO_LARGE, "The photo is over "
                    + (LiveSocketHandler.MAX_IMAGE_BYTES >> 20) + " MB.");
        }
        return service.renderer().findFace(image);
    }
}
