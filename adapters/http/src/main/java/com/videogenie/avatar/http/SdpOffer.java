package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service needs of a client's SDP offer, checked before a photo is prepared or a peer
 * created, so a wrong offer costs nothing: a session description at all, a microphone it sends
 * (the speech that drives the face) and a video section the avatar can answer in. libwebrtc
 * parses the rest when the offer is applied.
 */
final class SdpOffer {
    /** Largest offer taken; a browser's is 4-8 KB. */
    static final int MAX_CHARS = 64 * 1024;

    private SdpOffer() {
    }

    /** Throws INVALID_SDP or NO_AUDIO_TRACK, with what to change, unless the offer will do. */
    static void check(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The body must be an SDP offer (Content-Type"
                    + " application/sdp), from RTCPeerConnection.createOffer().");
        }
        if (sdp.length() > MAX_CHARS) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The SDP offer is " + sdp.length()
                    + " characters; at most " + MAX_CHARS + " are taken.");
        }
        if (!sdp.startsWith("v=0")) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The body is not an SDP offer: it must begin with v=0.");
        }
        List<Section> sections = sections(sdp);
        boolean microphone = sections.stream().anyMatch(s -> s.kind.equals("audio") && s.port != 0 && s.sends());
        if (!microphone) {
            throw new AvatarException(ErrorCode.NO_AUDIO_TRACK, "The offer sends no audio: add the microphone"
                    + " (or the agent's speech) as a track, e.g. pc.addTrack(micTrack), before createOffer(); the"
                    + " avatar is driven by it.");
        }
        boolean video = sections.stream().anyMatch(s -> s.kind.equals("video") && s.port != 0 && s.receives());
        if (!video) {
            throw new AvatarException(ErrorCode.INVALID_SDP, "The offer has no video section the avatar can be"
                    + " sent in: add pc.addTransceiver(\"video\", {direction: \"recvonly\"}) before createOffer().");
        }
    }

    /**
     * The offer with H.264 first in its video section (constrained baseline with packetization mode
     * 1 first): libwebrtc, answering, sends the first picture codec of the offer's order that it has,
     * and browsers put VP8 first. Only the order of the payload types on the {@code m=video} line
     * changes; the client's own description is untouched.
     */
    static String preferringH264(String sdp) {
        String[] lines = sdp.split("\r\n", -1);
        Map<String, Integer> rank = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("a=rtpmap:") && line.contains(" H264/90000")) {
                rank.put(line.substring("a=rtpmap:".length(), line.indexOf(' ')), 3);
            }
        }
        for (String line : lines) {
            if (line.startsWith("a=fmtp:")) {
                String type = line.substring("a=fmtp:".length(), line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
                if (rank.containsKey(type)) {
                    boolean packetized = line.contains("packetization-mode=1");
                    boolean baseline = line.contains("profile-level-id=42e0") || line.contains("profile-level-id=4200");
                    rank.put(type, (packetized ? 0 : 2) + (baseline ? 0 : 1));
                }
            }
        }
        if (rank.isEmpty()) {
            return sdp;
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("m=video ")) {
                String[] fields = lines[i].split(" ");
                List<String> head = List.of(fields).subList(0, 3);
                List<String> types = new ArrayList<>(List.of(fields).subList(3, fields.length));
                // A stable sort: H.264 by rank, everything else after it in the offer's order.
                types.sort(Comparator.comparingInt(type -> rank.getOrDefault(type, 4)));
                List<String> all = new ArrayList<>(head);
                all.addAll(types);
                lines[i] = String.join(" ", all);
            }
        }
        return String.join("\r\n", lines);
    }

    private record Section(String kind, int port, String direction) {
        boolean sends() {
            return direction.equals("sendrecv") || direction.equals("sendonly");
        }

        boolean receives() {
            return direction.equals("sendrecv") || direction.equals("recvonly");
        }
    }

    /** The media sections: kind, port (0 is a rejected section) and direction (sendrecv unless stated). */
    private static List<Section> sections(String sdp) {
        List<Section> sections = new ArrayList<>();
        String kind = null;
        int port = 0;
        String direction = "sendrecv";
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (kind != null) {
                    sections.add(new Section(kind, port, direction));
                }
                String[] fields = line.substring(2).trim().split(" ");
                if (fields.length < 3) {
                    throw new AvatarException(ErrorCode.INVALID_SDP, "The SDP offer has a malformed media line: " + line);
                }
                kind = fields[0];
                try {
                    port = Integer.parseInt(fields[1].split("/")[0]);
                } catch (NumberFormatException e) {
                    throw new AvatarException(ErrorCode.INVALID_SDP, "The SDP offer has a malformed media line: " + line);
                }
                direction = "sendrecv";
            } else if (kind != null && (line.equals("a=sendrecv") || line.equals("a=sendonly")
                    || line.equals("a=recvonly") || line.equals("a=inactive"))) {
                direction = line.substring(2);
            }
        }
        if (kind != null) {
            sections.add(new Section(kind, port, direction));
        }
        return sections;
    }
}
