package dev.slipway.distributor.ssh;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * ssh-ed25519 keys (node login keys, host keys) for Apache MINA sshd with the JDK's own Ed25519 (SunEC, Java 15+):
 * sshd-core otherwise needs Bouncy Castle's provider (~900 classes loaded at startup) or net.i2p's unmaintained
 * EdDSA library for them. Keys are the JDK's {@link EdECPublicKey} and {@link EdECPrivateKey}; their raw forms are the
 * 32 bytes after the fixed prefix of their X.509 and PKCS#8 encodings (RFC 8410).
 */
final class JdkEd25519Support implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
    static final String KEY_ALGORITHM = "Ed25519";
    /** SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING (32 bytes) }, up to the key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** PrivateKeyInfo { 0, AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }, up to the seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final int RAW_LENGTH = 32;

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519(SecurityUtils.EDDSA);
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return isEd25519(key) ? KEY_SIZE : -1;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return isEd25519(k1) && isEd25519(k2) && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        return isEd25519(k1) && isEd25519(k2) && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    /**
     * The public key of a private one. The JDK has no call for it, but its key pair generator derives the public key
     * from 32 random bytes, the seed: given this key's seed as those bytes, it derives this key's public key.
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = seedOf(key);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
        return (EdECPublicKey) generator.generateKeyPair().getPublic();
    }

    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] raw) throws GeneralSecurityException {
        requireRaw(raw, "public key");
        return (EdECPublicKey) KeyFactory.getInstance(KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException {
        requireRaw(seed, "private key seed");
        return (EdECPrivateKey) KeyFactory.getInstance(KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        buffer.putBytes(rawOf(key));
        return buffer;
    }

    /** As OpenSSH writes an ed25519 pair: the public key, then the seed followed by the public key. */
    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey publicKey, PrivateKey privateKey) {
        byte[] raw = rawOf(publicKey);
        buffer.putBytes(raw);
        try {
            buffer.putBytes(concat(seedOf(privateKey), raw));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return buffer;
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey publicKey) {
        return new X509EncodedKeySpec(publicKey.getEncoded());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey privateKey) {
        return new PKCS8EncodedKeySpec(privateKey.getEncoded());
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey publicKey) {
        return publicKey == null ? null : rawOf(publicKey);
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey privateKey) {
        try {
            return seedOf(privateKey);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return KEY_ALGORITHM;
    }

    private static boolean isEd25519(Key key) {
        return key instanceof EdECPublicKey pub && pub.getParams().getName().equalsIgnoreCase(KEY_ALGORITHM)
                || key instanceof EdECPrivateKey prv && prv.getParams().getName().equalsIgnoreCase(KEY_ALGORITHM);
    }

    private static byte[] seedOf(Key key) throws InvalidKeyException {
        if (!(key instanceof EdECPrivateKey edKey) || !isEd25519(key)) {
            throw new InvalidKeyException("not an Ed25519 private key: " + (key == null ? "none" : key.getAlgorithm()));
        }
        return edKey.getBytes().orElseThrow(() -> new InvalidKeyException("the Ed25519 private key does not show its seed"));
    }

    private static byte[] rawOf(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (!isEd25519(key) || encoded.length != X509_PREFIX.length + RAW_LENGTH
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + (key == null ? "none" : key.getAlgorithm()));
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    private static void requireRaw(byte[] raw, String what) throws InvalidKeyException {
        if (raw == null || raw.length != RAW_LENGTH) {
            throw new InvalidKeyException("an Ed25519 " + what + " is " + RAW_LENGTH + " bytes, not " + (raw == null ? 0 : raw.length));
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** Hands out one fixed seed as the "random" bytes of a key pair generator. */
    private static final class SeedAsRandom extends SecureRandom {
        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the generator asked for " + bytes.length + " bytes, the seed has " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
