package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content in a folder (the embedded default): each file is written under a temporary name and renamed into place
 * once complete, so a reader never sees half a file and a crash leaves only temporaries. Ids have the FastDFS
 * shape {@code group1/M00/XX/YY/<random>.<ext>}; the path under the folder is {@code M00/XX/YY/<random>.<ext>}.
 */
public class LocalContentStore implements ContentStore {

    private static final String GROUP = "group1/";
    private static final Pattern ID = Pattern.compile("group1/M00/[0-9A-F]{2}/[0-9A-F]{2}/[A-Za-z0-9_-]{22}(\\.[a-z0-9]{1,16})?");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;
    private final SecureRandom random = new SecureRandom();

    public LocalContentStore(Path root) throws IOException {
        this.root = root;
        this.incoming = Files.createDirectories(root.resolve("incoming"));
    }

    @Override
    public String store(InputStream content, long size, String extension) throws IOException {
        Path temp = Files.createTempFile(incoming, "upload-", ".part");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                long left = size;
                while (left > 0) {
                    int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("content ended " + left + " bytes before its declared size");
                    }
                    out.write(ByteBuffer.wrap(buffer, 0, n));
                    left -= n;
                }
                out.force(true);
            }
            String fileId = newId(extension);
            Path target = path(fileId);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return fileId;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void read(String fileId, long offset, long length, OutputStream out) throws IOException {
        if (!ID.matcher(fileId).matches()) {
            throw new ContentMissingException(fileId);
        }
        try (FileChannel in = FileChannel.open(path(fileId), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = offset;
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new EOFException(fileId + " is shorter than " + (offset + length) + " bytes");
                }
                out.write(buffer.array(), 0, n);
                position += n;
                left -= n;
            }
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(fileId);
        }
    }

    @Override
    public boolean exists(String fileId) {
        return ID.matcher(fileId).matches() && Files.isRegularFile(path(fileId));
    }

    @Override
    public boolean delete(String fileId) throws IOException {
        return ID.matcher(fileId).matches() && Files.deleteIfExists(path(fileId));
    }

    @Override
    public Optional<Stream<String>> list() throws IOException {
        Path store = root.resolve("M00");
        if (!Files.isDirectory(store)) {
            return Optional.of(Stream.empty());
        }
        return Optional.of(Files.walk(store).filter(Files::isRegularFile)
                .map(p -> GROUP + root.relativize(p).toString().replace('\\', '/')));
    }

    @Override
    public void probe() throws IOException {
        if (!Files.isDirectory(incoming) || !Files.isWritable(incoming)) {
            throw new IOException(incoming + " is not a writable folder");
        }
    }

    private Path path(String fileId) {
        return root.resolve(fileId.substring(GROUP.length()));
    }

    private String newId(String extension) {
        byte[] name = new byte[16];
        random.nextBytes(name);
        String dirs = HexFormat.of().withUpperCase().formatHex(name, 0, 2);
        return GROUP + "M00/" + dirs.substring(0, 2) + "/" + dirs.substring(2, 4) + "/"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(name)
                + (extension.isEmpty() ? "" : "." + extension);
    }
}
