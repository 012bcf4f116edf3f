package org.clouddisk.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A Content-Type that is no media type at all ({@code json}, {@code x;}) reaches the JAX-RS endpoints as
 * {@code application/octet-stream}: RESTEasy would refuse it before any endpoint runs, with the container's HTML error
 * page, where the seed's protocol ignores the Content-Type (PROTOCOL.md) and the v2 API answers problems. What the
 * endpoints then make of the body is theirs to say.
 */
@WebFilter("/api/*")
public class UnreadableMediaTypes extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        chain.doFilter(type == null || isMediaType(type) ? request : new OctetStream(request), response);
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request with its Content-Type read as {@code application/octet-stream}. */
    private static final class OctetStream extends HttpServletRequestWrapper {

        OctetStream(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM;
        }

        @Override
        public String getHeader(String name) {
            return isContentType(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isContentType(name) ? Collections.enumeration(List.of(getContentType()))
                    : super.getHeaders(name);
        }

        private static boolean isContentType(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
        }
    }
}
