package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.cloud.function.web.mvc.FunctionController;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP status discipline in front of the render routes. Spring Cloud Function answers every path no
 * other route claims (and with no function named there, runs renderAvatar), so without this a
 * mistyped path rendered or failed with 500. Here: a path only the function catch-all would take is
 * 404; {@code /renderAvatar} takes only POST and {@code /} POST besides the page's GET (405 with
 * {@code Allow}); their bodies are
 * limited to {@code AVATAR_MAX_REQUEST_KB} (413); {@code /renderAvatar} reads only JSON (415), and its
 * body must be one valid RenderRequest object (400 naming the field) before it reaches the function.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestDiscipline extends OncePerRequestFilter {
    static final String FUNCTION_ROUTE = "/renderAvatar";
    private static final String EVENT_ROUTE = "/";

    private final HandlerMappingIntrospector routes;
    private final ServiceSettings settings;
    private final JsonMapper json;

    RequestDiscipline(HandlerMappingIntrospector routes, ServiceSettings settings, JsonMapper json) {
        this.routes = routes;
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean renderRoute = path.equals(FUNCTION_ROUTE) || path.equals(EVENT_ROUTE);
        if (!renderRoute) {
            if (onlyTheFunctionCatchAllTakes(request)) {
                refuse(response, ErrorCode.NOT_FOUND, "There is no " + request.getMethod() + " " + path
                        + "; renders are POST / (CloudEvents) and POST " + FUNCTION_ROUTE + " (JSON).");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        boolean pageRoute = path.equals(EVENT_ROUTE);
        if (pageRoute && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            // GET / is the browser page (LivePage); only the CloudEvent POST needs the checks below.
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, pageRoute ? "GET, HEAD, POST" : "POST");
            refuse(response, ErrorCode.METHOD_NOT_ALLOWED, path + (pageRoute
                    ? " takes GET (the page) and POST (CloudEvents) only." : " takes POST only."));
            return;
        }
        long limit = settings.maxRequestBytes();
        byte[] body = request.getContentLengthLong() > limit ? null : readAtMost(request.getInputStream(), limit);
        if (body == null) {
            refuse(response, ErrorCode.REQUEST_TOO_LARGE, "The request body is over " + limit / 1024
                    + " KB (AVATAR_MAX_REQUEST_KB); inputs travel as URLs, not inline.");
            return;
        }
        if (path.equals(FUNCTION_ROUTE)) {
            if (!isJson(request.getContentType())) {
                refuse(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE, FUNCTION_ROUTE + " reads application/json, got "
                        + (request.getContentType() == null ? "no Content-Type" : request.getContentType()) + ".");
                return;
            }
            try {
                RenderRequestJson.read(body);
            } catch (AvatarException e) {
                refuse(response, e.code(), e.getMessage());
                return;
            }
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** True when the request would reach Spring Cloud Function's catch-all rather than a route of its own. */
    private boolean onlyTheFunctionCatchAllTakes(HttpServletRequest request) throws ServletException {
        try {
            for (var mapping : routes.getHandlerMappings()) {
                HandlerExecutionChain handler = mapping.getHandler(request);
                if (handler != null) {
                    return handler.getHandler() instanceof HandlerMethod method
                            && FunctionController.class.isAssignableFrom(method.getBeanType());
                }
            }
            return false;
        } catch (HttpRequestMethodNotSupportedException | HttpMediaTypeNotSupportedException e) {
            // A route of ours, asked wrongly: the dispatcher answers it (405, 415) through JsonErrors.
            return false;
        } catch (ServletException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().toLowerCase(Locale.ROOT).equals("json")
                    || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The whole body, or null when it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(new JsonErrors.Body(Failure.of(code, message))));
    }

    /** The request with its body already read, so the route reads the same bytes again. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
