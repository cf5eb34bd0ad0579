/*
 * Generates the RSA-2048 key pair that signs (private) and verifies (public) mall's access tokens, once:
 *
 *   java bin/lib/JwtKeys.java DIR
 *
 * writes DIR/private.pem (PKCS#8, mode 600) and DIR/public.pem (X.509 SubjectPublicKeyInfo) unless both exist.
 * A JDK is all a fresh machine is sure to have (no openssl), and Java 11+ runs this file without compiling it.
 * bin/lib/services.sh calls it from mall_load_config.
 */

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;

public class JwtKeys {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            System.err.println("usage: java JwtKeys.java DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        // Two launchers starting at once must not each write one half of a different pair.
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (nonEmpty(privateKey) && nonEmpty(publicKey)) {
                return;
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Both halves are written to temporary files first and renamed into place, public last: a run that dies
            // halfway leaves no public.pem, so the next run generates a fresh pair instead of using a mismatch.
            Files.deleteIfExists(publicKey);
            replace(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            replace(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.setPosixFilePermissions(publicKey, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static boolean nonEmpty(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) > 0;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void replace(Path target, String content) throws IOException {
        // Created owner-only from the start, so the private key is never readable by others, not even briefly.
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
