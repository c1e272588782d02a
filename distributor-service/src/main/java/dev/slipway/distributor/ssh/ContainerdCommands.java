package dev.slipway.distributor.ssh;

import dev.slipway.events.names.ImageRef;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The remote command lines of the ssh-containerd transport, in one place. Each is a fixed configured
 * prefix (the node's {@code ctr} command, e.g. {@code k3s ctr -n k8s.io}) followed by fixed words and
 * values that are validated first and single-quoted: image references ({@link ImageRef}) and blob
 * digests ({@code sha256:} and 64 hex digits). Nothing from an event reaches a command line otherwise.
 */
public final class ContainerdCommands {
    /** The ctr command of a k3s node. */
    public static final String DEFAULT_CTR = "k3s ctr -n k8s.io";
    public static final String PIN_LABEL = "io.cri-containerd.pinned=pinned";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+(/[a-z0-9._-]+){1,2}");
    private static final Pattern COMMAND = Pattern.compile("[^\\n\\r\\x00]+");

    private final String ctr;
    private final String importCommand;

    /**
     * @param ctr the node's ctr command prefix
     * @param importCommand the import command reading a {@code docker save} tar from stdin; when empty,
     *     {@code <ctr> images import [--platform P] -}
     * @param platform the platform to import from a multi-platform save, e.g. {@code linux/amd64}
     */
    public ContainerdCommands(String ctr, Optional<String> importCommand, Optional<String> platform) {
        this.ctr = command("ctr command", ctr);
        platform.ifPresent(value -> {
            if (!PLATFORM.matcher(value).matches()) {
                throw new IllegalArgumentException("platform '" + value + "' is not valid: expected os/arch[/variant], e.g. linux/amd64");
            }
        });
        this.importCommand = importCommand.map(value -> command("import command", value))
                .orElseGet(() -> this.ctr + " images import" + platform.map(value -> " --platform " + quote(value)).orElse("") + " -");
    }

    private static String command(String what, String value) {
        if (value == null || value.isBlank() || !COMMAND.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not valid: one line, not empty");
        }
        return value.strip();
    }

    public String importImage() {
        return importCommand;
    }

    public String listImages() {
        return ctr + " images ls";
    }

    public String listContent() {
        return ctr + " content ls -q";
    }

    public String contentGet(String digest) {
        return ctr + " content get " + quote(digest(digest));
    }

    public String tag(String source, ImageRef target) {
        return ctr + " images tag --force " + quote(reference(source)) + " " + quote(containerdName(target));
    }

    public String pin(ImageRef ref) {
        return ctr + " images label " + quote(containerdName(ref)) + " " + PIN_LABEL;
    }

    /** A name read back from {@code ctr images ls}, checked before it is used in a command again. */
    private static String reference(String name) {
        if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,511}", name)) {
            throw new IllegalArgumentException("image name '" + name + "' listed by the node is not a valid reference");
        }
        return name;
    }

    static String digest(String value) {
        if (!DIGEST.matcher(value).matches()) {
            throw new IllegalArgumentException("digest '" + value + "' is not valid: expected sha256: and 64 hex digits");
        }
        return value;
    }

    /**
     * The name containerd gives a reference imported from a {@code docker save}: Docker's normalised form,
     * {@code docker.io/library/app:1.0} for {@code app:1.0}, {@code docker.io/team/app:1.0} for {@code team/app:1.0}.
     */
    public static String containerdName(ImageRef ref) {
        String repository = ref.repository().value();
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean hasDomain = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String full = hasDomain ? repository : "docker.io/" + (slash < 0 ? "library/" : "") + repository;
        return full + ":" + ref.tag().value();
    }

    /** A value between single quotes for a POSIX shell; a quote inside is closed, escaped and reopened. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
