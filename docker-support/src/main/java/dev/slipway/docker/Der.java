package dev.slipway.docker;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little of ASN.1 DER that turning a PKCS#1 or SEC1 private key into PKCS#8 needs: splitting a constructed value
 * into its elements and writing an element. Lengths up to 2^24 bytes (a key is a few kilobytes).
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** [0] EXPLICIT, as SEC1's ECPrivateKey holds its curve. */
    static final int CONTEXT_0 = 0xa0;

    /** One element: its tag, and its whole encoding (tag, length and content). */
    record Element(int tag, byte[] encoded, int contentStart) {
        byte[] content() {
            return Arrays.copyOfRange(encoded, contentStart, encoded.length);
        }
    }

    private Der() {}

    /** The one element {@code der} holds; refused if anything follows it. */
    static Element single(byte[] der) {
        List<Element> elements = elements(der);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("expected one DER value, found " + elements.size());
        }
        return elements.get(0);
    }

    /** The elements one after another in {@code der}. */
    static List<Element> elements(byte[] der) {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < der.length) {
            int start = at;
            int tag = der[at++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("DER tag of more than one byte at offset " + start);
            }
            if (at >= der.length) {
                throw new IllegalArgumentException("DER value cut short at offset " + start);
            }
            int first = der[at++] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7f;
                if (bytes == 0 || bytes > 3 || at + bytes > der.length) {
                    throw new IllegalArgumentException("DER length not understood at offset " + start);
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at++] & 0xff);
                }
            }
            if (length > der.length - at) {
                throw new IllegalArgumentException("DER value at offset " + start + " runs past the end");
            }
            int end = at + length;
            elements.add(new Element(tag, Arrays.copyOfRange(der, start, end), at - start));
            at = end;
        }
        return elements;
    }

    /** The elements inside a constructed element (a SEQUENCE or a context tag). */
    static List<Element> children(Element constructed) {
        return elements(constructed.content());
    }

    /** An element of {@code tag} around {@code content}. */
    static byte[] encode(int tag, byte[]... content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : content) {
            body.writeBytes(part);
        }
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 5);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 1.2.840.113549.1.1.1}. */
    static byte[] objectIdentifier(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long rest = arc >> 7; rest > 0; rest >>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int seven = (int) ((arc >> (7 * g)) & 0x7f);
                body.write(g == 0 ? seven : seven | 0x80);
            }
        }
        return encode(OBJECT_IDENTIFIER, body.toByteArray());
    }
}
