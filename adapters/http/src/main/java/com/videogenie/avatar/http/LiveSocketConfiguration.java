package com.videogenie.avatar.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the live avatar WebSocket at {@code /live} with the renderer the HTTP routes use. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveSocketConfiguration {
    @Bean
    LiveSocketHandler liveSocketHandler(RenderService service, AvatarConfiguration.AvatarEnvironment environment) {
        return new LiveSocketHandler(service.renderer(), LiveSettings.fromEnvironment(environment.variables()));
    }

    @Bean
    WebSocketConfigurer liveSocket(LiveSocketHandler handler) {
        return registry -> registry.addHandler(handler, "/live").addInterceptors(handler);
    }
}
