package com.videogenie.avatar.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import com.videogenie.avatar.storage.JobNote;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands a request's callback to {@link Webhooks} once its reply has gone out: the controller leaves
 * a {@link Pending} delivery on the request; this filter sends the finished reply to the client
 * first, so a callback never arrives before the answer it repeats.
 */
@Component
class CallbackAfterReply extends OncePerRequestFilter {
    private static final String PENDING = CallbackAfterReply.class.getName() + ".pending";

    private final Webhooks webhooks;

    CallbackAfterReply(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * A reply event to post to a callback URL already checked by {@link Webhooks#check}, kept in
     * {@code note} until delivered when it is a stored job's (or null).
     */
    record Pending(URI url, byte[] event, JobNote note) {
    }

    static void register(HttpServletRequest request, Pending delivery) {
        request.setAttribute(PENDING, delivery);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (request.getAttribute(PENDING) instanceof Pending delivery) {
            try {
                response.flushBuffer();
            } finally {
                webhooks.send(delivery.url(), delivery.event(), delivery.note());
            }
        }
    }
}
