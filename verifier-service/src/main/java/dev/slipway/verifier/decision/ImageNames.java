package dev.slipway.verifier.decision;

/** Compares a pod's image with the release's image as the container runtime does: {@code docker.io/} is implied. */
public final class ImageNames {
    private ImageNames() {}

    public static boolean same(String release, String podImage) {
        return podImage != null && normal(release).equals(normal(podImage));
    }

    static String normal(String image) {
        for (String implied : new String[] {"docker.io/library/", "index.docker.io/library/", "docker.io/",
                "index.docker.io/"}) {
            if (image.startsWith(implied)) {
                return image.substring(implied.length());
            }
        }
        return image;
    }
}
