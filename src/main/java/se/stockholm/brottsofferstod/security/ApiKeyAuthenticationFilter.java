package se.stockholm.brottsofferstod.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

import se.stockholm.brottsofferstod.intake.Sha256;

/**
 * {@code Authorization: Bearer <key>} for machine clients such as the police feed: the key's SHA-256 is
 * compared in constant time with the {@code apiKey} of the users file. A request with a wrong key is
 * refused at once; one without a bearer key goes on to HTTP Basic.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final UsersFile users;
    private final AuthenticationEntryPoint unauthorized;

    ApiKeyAuthenticationFilter(UsersFile users, AuthenticationEntryPoint unauthorized) {
        this.users = users;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<IntakeUser> user = byKey(header.substring(PREFIX.length()).trim());
        if (user.isEmpty()) {
            SecurityContextHolder.clearContext();
            unauthorized.commence(request, response, new BadCredentialsException("unknown bearer key"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(user.get().username(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.get().role().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<IntakeUser> byKey(String key) {
        byte[] presented = ("{sha256}" + Sha256.hex(key)).getBytes(StandardCharsets.US_ASCII);
        IntakeUser found = null;
        for (IntakeUser user : users.users()) {
            if (user.apiKey() != null && MessageDigest.isEqual(presented, user.apiKey().getBytes(StandardCharsets.US_ASCII))) {
                found = user;
            }
        }
        return Optional.ofNullable(found);
    }
}
