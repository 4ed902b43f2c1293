package com.videogenie.avatar.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The live avatar: the WebSocket at {@code /live} and the WebRTC sessions of {@code /live/webrtc},
 * with the renderer the HTTP routes use and one set of session slots for both.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveSocketConfiguration {
    @Bean
    LiveSettings liveSettings(AvatarConfiguration.AvatarEnvironment environment) {
        return LiveSettings.fromEnvironment(environment.variables());
    }

    @Bean
    LiveSlots liveSlots(LiveSettings settings) {
        return new LiveSlots(settings.maxSessions());
    }

    @Bean
    LiveSocketHandler liveSocketHandler(RenderService service, LiveSettings settings, LiveSlots slots) {
        return new LiveSocketHandler(service.renderer(), settings, slots);
    }

    @Bean
    WebSocketConfigurer liveSocket(LiveSocketHandler handler) {
        return registry -> registry.addHandler(handler, "/live").addInterceptors(handler);
    }

    @Bean
    WebRtcSessions webRtcSessions(RenderService service, LiveSettings settings, LiveSlots slots,
                                  AvatarConfiguration.AvatarEnvironment environment) {
        return new WebRtcSessions(service.renderer(), settings, WebRtcSettings.fromEnvironment(environment.variables()),
                slots);
    }
}
