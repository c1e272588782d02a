package dev.slipway.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the PEM files of a Docker TLS folder with the JDK alone (no Bouncy Castle: its provider is ~900 classes in
 * every process that reads a key): certificates, and a private key in the three forms OpenSSL writes: PKCS#8
 * ({@code PRIVATE KEY}: OpenSSL 3's {@code genrsa}, {@code genpkey}, {@code req -newkey}), PKCS#1 ({@code RSA PRIVATE
 * KEY}: OpenSSL 1's {@code genrsa}, docker-machine) and SEC1 ({@code EC PRIVATE KEY}: {@code openssl ecparam -genkey}).
 * An encrypted key is refused with the command that decrypts it: the Docker CLI cannot read one either.
 */
final class PemFiles {
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    /** The key algorithm of each PKCS#8 algorithm identifier the JDK reads. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC",
            "1.3.101.112", "EdDSA",
            "1.3.101.113", "EdDSA");

    /** One {@code -----BEGIN label-----} block: its label, headers (an encrypted key's {@code Proc-Type}) and bytes. */
    record Block(String label, List<String> headers, byte[] der) {}

    private PemFiles() {}

    /** The blocks of a PEM text, in order; text outside blocks (OpenSSL's "Bag Attributes", comments) is skipped. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        List<String> headers = new ArrayList<>();
        StringBuilder base64 = new StringBuilder();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    headers = new ArrayList<>();
                    base64.setLength(0);
                }
            } else if (line.equals("-----END " + label + "-----")) {
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(base64.toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + label + " block is not valid base64", e);
                }
                blocks.add(new Block(label, List.copyOf(headers), der));
                label = null;
            } else if (line.startsWith("-----")) {
                throw new IllegalArgumentException("the " + label + " block has no matching -----END " + label + "-----");
            } else if (line.contains(":") && base64.length() == 0) {
                headers.add(line);
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException("the " + label + " block has no -----END " + label + "----- line");
        }
        return blocks;
    }

    /** Every certificate in {@code file}, in order; refused when there is none. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocksOf(file)) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " holds no certificate (no -----BEGIN CERTIFICATE----- block)");
        }
        return certificates;
    }

    /** The one private key in {@code file}. */
    static PrivateKey privateKey(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        List<Block> keys = new ArrayList<>();
        for (Block block : blocksOf(file)) {
            if (block.label().endsWith("PRIVATE KEY")) {
                keys.add(block);
            }
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException(name + (keys.isEmpty() ? " holds no private key" : " holds " + keys.size()
                    + " private keys") + ": expected one block -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- "
                    + "or -----BEGIN EC PRIVATE KEY-----");
        }
        Block key = keys.get(0);
        if (key.label().equals("ENCRYPTED PRIVATE KEY") || key.headers().stream().anyMatch(h -> h.contains("ENCRYPTED"))) {
            throw new IllegalArgumentException(name + " is encrypted; Docker's TLS key is read without a passphrase: "
                    + "decrypt it with `openssl pkey -in " + name + " -out " + name + "` (and keep the folder private)");
        }
        try {
            byte[] pkcs8 = switch (key.label()) {
                case "PRIVATE KEY" -> key.der();
                case "RSA PRIVATE KEY" -> pkcs8(Der.encode(Der.SEQUENCE, Der.objectIdentifier(RSA), Der.encode(Der.NULL)), key.der());
                case "EC PRIVATE KEY" -> pkcs8(Der.encode(Der.SEQUENCE, Der.objectIdentifier(EC), curveOf(key.der())), key.der());
                default -> throw new IllegalArgumentException(name + " holds a " + key.label() + ", which is not a TLS key: "
                        + "expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
            };
            return KeyFactory.getInstance(algorithmOf(pkcs8)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().startsWith(name) ? e.getMessage()
                    : name + ": cannot read its " + key.label() + " (" + e.getMessage() + ")", e);
        }
    }

    /** A PKCS#8 PrivateKeyInfo: version 0, the algorithm, the key in the algorithm's own form. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm, Der.encode(Der.OCTET_STRING, key));
    }

    /** The named curve of a SEC1 ECPrivateKey: its [0] parameters. */
    private static byte[] curveOf(byte[] sec1) {
        for (Der.Element element : Der.children(Der.single(sec1))) {
            if (element.tag() == Der.CONTEXT_0) {
                Der.Element curve = Der.single(element.content());
                if (curve.tag() == Der.OBJECT_IDENTIFIER) {
                    return curve.encoded();
                }
            }
        }
        throw new IllegalArgumentException("the EC key does not name its curve; write it with `openssl pkey` as PKCS#8");
    }

    /** The JDK key algorithm of a PKCS#8 PrivateKeyInfo, from its algorithm identifier. */
    private static String algorithmOf(byte[] pkcs8) {
        List<Der.Element> info = Der.children(Der.single(pkcs8));
        if (info.size() < 3 || info.get(1).tag() != Der.SEQUENCE) {
            throw new IllegalArgumentException("not a PKCS#8 private key");
        }
        byte[] oid = Der.children(info.get(1)).get(0).encoded();
        for (Map.Entry<String, String> known : ALGORITHMS.entrySet()) {
            if (Arrays.equals(Der.objectIdentifier(known.getKey()), oid)) {
                return known.getValue();
            }
        }
        throw new IllegalArgumentException("a key of an algorithm TLS here cannot use (RSA, EC and Ed25519/Ed448 can)");
    }

    /** The blocks of {@code file}; a broken block is refused naming the file. */
    private static List<Block> blocksOf(Path file) throws IOException {
        // Latin-1 reads any bytes: a binary (DER) file then simply holds no PEM block, said as such
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        try {
            return blocks(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
