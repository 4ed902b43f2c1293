package com.videogenie.avatar.http;

import dev.onvoid.webrtc.RTCIceServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the WebRTC peers reach their clients.
 *
 * @param iceServers STUN and TURN servers ({@code AVATAR_ICE_SERVERS}: a JSON array as a browser's
 *                   {@code RTCConfiguration.iceServers}, {@code [{"urls":["turn:turn.example:3478"],
 *                   "username":"u","credential":"p"}]}; default none: host candidates only)
 * @param minPort    lowest UDP/TCP port for media ({@code AVATAR_WEBRTC_PORTS}, {@code 50000-50100});
 *                   0 with {@code maxPort} 0: any port
 * @param maxPort    highest port for media
 */
record WebRtcSettings(List<RTCIceServer> iceServers, int minPort, int maxPort) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static WebRtcSettings fromEnvironment(Map<String, String> env) {
        int[] ports = ports(env.getOrDefault("AVATAR_WEBRTC_PORTS", "").trim());
        return new WebRtcSettings(iceServers(env.getOrDefault("AVATAR_ICE_SERVERS", "").trim()), ports[0], ports[1]);
    }

    static List<RTCIceServer> iceServers(String json) {
        List<RTCIceServer> servers = new ArrayList<>();
        if (json.isEmpty()) {
            return servers;
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("AVATAR_ICE_SERVERS must be a JSON array of {urls, username,"
                    + " credential}: " + e.getOriginalMessage());
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("AVATAR_ICE_SERVERS must be a JSON array of {urls, username, credential}");
        }
        for (JsonNode entry : array) {
            RTCIceServer server = new RTCIceServer();
            JsonNode urls = entry.path("urls");
            List<String> list = new ArrayList<>();
            if (urls.isString()) {
                list.add(urls.asString());
            } else {
                urls.valueStream().forEach(url -> list.add(url.asString()));
            }
            if (list.isEmpty() || list.stream().anyMatch(url -> !url.matches("(stun|stuns|turn|turns):.+"))) {
                throw new IllegalArgumentException("AVATAR_ICE_SERVERS: each entry needs urls starting with stun:,"
                        + " stuns:, turn: or turns:, got " + urls);
            }
            server.urls = list;
            server.username = entry.path("username").asString("");
            server.password = entry.path("credential").asString("");
            servers.add(server);
        }
        return servers;
    }

    private static int[] ports(String range) {
        if (range.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] ends = range.split("-");
        try {
            int low = Integer.parseInt(ends[0].trim());
            int high = Integer.parseInt(ends[ends.length - 1].trim());
            if (ends.length > 2 || low < 1024 || high > 65535 || low > high) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AVATAR_WEBRTC_PORTS must be a port range such as 50000-50100, got "
                    + range);
        }
    }
}
