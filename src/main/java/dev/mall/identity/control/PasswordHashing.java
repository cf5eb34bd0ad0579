package dev.mall.identity.control;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Jakarta Security's {@code Pbkdf2PasswordHash} text format,
 * {@code PBKDF2WithHmacSHA256:<iterations>:<base64 salt>:<base64 hash>}, so that a later switch to the container's
 * identity store could read them. A stored hash carries its own iteration count: raising the configured count
 * affects new hashes only, and {@link #needsRehash} tells when an old one should be replaced at the next login.
 */
public final class PasswordHashing {

    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    // A stored count beyond this is corruption or tampering; honouring it would let one row pin a CPU for minutes.
    private static final int MAX_ITERATIONS = 10_000_000;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final String decoy;

    public PasswordHashing(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between 1 and " + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        // Verified against for unknown emails, so that "no such account" costs what a wrong password costs.
        this.decoy = hash(UUID.randomUUID().toString());
    }

    public int iterations() {
        return iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /**
     * Whether {@code password} produces {@code stored}, compared in constant time.
     *
     * @throws IllegalArgumentException if {@code stored} is not a hash in the format above
     */
    public boolean verify(String password, String stored) {
        StoredHash parsed = StoredHash.parse(stored);
        byte[] candidate = pbkdf2(password, parsed.salt(), parsed.iterations(), parsed.hash().length);
        return MessageDigest.isEqual(candidate, parsed.hash());
    }

    /** Spends the time of one verification and learns nothing: the answer for an email that has no account. */
    public void verifyAgainstDecoy(String password) {
        verify(password, decoy);
    }

    public boolean needsRehash(String stored) {
        return StoredHash.parse(stored).iterations() < iterations;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int lengthBytes) {
        char[] chars = password.toCharArray();
        KeySpec spec = new PBEKeySpec(chars, salt, iterations, lengthBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE 8+ runtime provides this algorithm; without it no password can be checked at all.
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The parts of a stored hash; {@code parse} rejects anything that is not exactly our format. */
    record StoredHash(int iterations, byte[] salt, byte[] hash) {

        static StoredHash parse(String stored) {
            if (stored == null) {
                throw new IllegalArgumentException("No stored password hash");
            }
            String[] parts = stored.split(":", -1);
            if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
                throw new IllegalArgumentException("Not a " + ALGORITHM + " password hash");
            }
            int iterations;
            byte[] salt;
            byte[] hash;
            try {
                iterations = Integer.parseInt(parts[1]);
                salt = Base64.getDecoder().decode(parts[2]);
                hash = Base64.getDecoder().decode(parts[3]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Malformed " + ALGORITHM + " password hash", e);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || hash.length == 0) {
                throw new IllegalArgumentException("Malformed " + ALGORITHM + " password hash");
            }
            return new StoredHash(iterations, salt, hash);
        }
    }
}
