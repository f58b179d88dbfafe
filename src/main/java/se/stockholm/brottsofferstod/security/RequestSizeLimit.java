package se.stockholm.brottsofferstod.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An explicit limit on every HTTP body, enforced before anything reads it: a declared length above the limit is
 * answered 413 at once, and a body of unknown length (chunked) is read at most one byte past the limit before it
 * is refused the same way. A refused body is never stored, logged or dead-lettered. The limit depends on the
 * path: the police feed takes batches, the webhooks and the staff API only small forms and JSON.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    /** A path prefix and the largest body allowed under it; the first matching prefix wins. */
    record Limit(String pathPrefix, long maxBytes) {
    }

    private final List<Limit> limits;
    private final long otherwise;

    RequestSizeLimit(List<Limit> limits, long otherwise) {
        this.limits = List.copyOf(limits);
        this.otherwise = otherwise;
    }

    long limitFor(String path) {
        return limits.stream().filter(l -> path.startsWith(l.pathPrefix())).mapToLong(Limit::maxBytes).findFirst()
                .orElse(otherwise);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        long declared = request.getContentLengthLong();
        if (declared > max) {
            refuse(response, max);
            return;
        }
        if (declared >= 0 || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (body.length > max) {
            refuse(response, max);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static void refuse(HttpServletResponse response, long max) throws IOException {
        response.setStatus(413);
        response.setHeader("Content-Type", "application/problem+json");
        response.setHeader("Connection", "close");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                + "\"detail\":\"The body is larger than the limit of %d bytes for this endpoint; send it in smaller parts\"}")
                .formatted(max).getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read (within the limit), and its length now known. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || available() == 0;
                }

                @Override
                public int available() {
                    try {
                        return in.available();
                    } catch (IOException e) {
                        return 0;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // the body was read within its limit before the request went on: there is nothing left to read asynchronously
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                return Integer.toString(body.length);
            }
            return "Transfer-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                return java.util.Collections.enumeration(List.of(Integer.toString(body.length)));
            }
            return "Transfer-Encoding".equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }
    }

}
