package dev.mall.ordering.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Human-readable order numbers: "M", the UTC date, and 10 random Crockford base-32 characters (50 bits). Random rather
 * than sequential so that numbers reveal nothing about sales volume and need no shared counter between servers; the
 * unique index uk_order_number catches the (astronomically unlikely) collision, which fails that attempt.
 */
@ApplicationScoped
public class OrderNumbers {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private final SecureRandom random = new SecureRandom();

    public String next(Instant now) {
        StringBuilder number = new StringBuilder(17).append('M').append(DATE.format(now)).append('-');
        for (int i = 0; i < 10; i++) {
            number.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
