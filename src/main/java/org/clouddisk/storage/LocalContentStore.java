package org.clouddisk.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
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
 *
 * <p>Appendable content (resumable uploads) is a file {@code uploads/<random>} under the folder, its id the same
 * path; sealing renames it into place under a new content id, so completion costs one rename whatever the size.
 */
public class LocalContentStore implements AppendableContentStore {

    private static final String GROUP = "group1/";
    private static final Pattern ID = Pattern.compile("group1/M00/[0-9A-F]{2}/[0-9A-F]{2}/[A-Za-z0-9_-]{22}(\\.[a-z0-9]{1,16})?");
    private static final Pattern APPENDABLE_ID = Pattern.compile("uploads/[A-Za-z0-9_-]{22}");
    private static final String APPENDABLE_DIR = "uploads";
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;
    private final Path appendables;
    private final SecureRandom random = new SecureRandom();

    public LocalContentStore(Path root) throws IOException {
        this.root = root;
        this.incoming = Files.createDirectories(root.resolve("incoming"));
        this.appendables = Files.createDirectories(root.resolve(APPENDABLE_DIR));
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

    /** Deletes ordinary and appendable content alike. */
    @Override
    public boolean delete(String fileId) throws IOException {
        if (APPENDABLE_ID.matcher(fileId).matches()) {
            return Files.deleteIfExists(root.resolve(fileId));
        }
        return ID.matcher(fileId).matches() && Files.deleteIfExists(path(fileId));
    }

    @Override
    public String createAppendable(String extension) throws IOException {
        while (true) {
            String id = APPENDABLE_DIR + "/" + randomName();
            try {
                Files.createFile(root.resolve(id));
                return id;
            } catch (FileAlreadyExistsException e) {
                // 128 random bits met an existing name: draw again
            }
        }
    }

    @Override
    public long append(String id, long offset, InputStream source, long length) throws IOException {
        try (FileChannel out = FileChannel.open(appendable(id), StandardOpenOption.WRITE)) {
            if (out.size() != offset) {
                throw new IOException(id + " holds " + out.size() + " bytes, not " + offset);
            }
            byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER, length))];
            long position = offset;
            long left = length;
            while (left > 0) {
                int n = source.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break; // what arrived is written: the content holds offset + (length - left) bytes
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    position += out.write(chunk, position);
                }
                left -= n;
            }
            // acknowledged bytes must survive a crash of the machine, as a whole file written by store() does
            out.force(false);
            return length - left;
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(id);
        }
    }

    @Override
    public long length(String id) throws IOException {
        try {
            return Files.size(appendable(id));
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(id);
        }
    }

    @Override
    public void truncate(String id, long length) throws IOException {
        try (FileChannel out = FileChannel.open(appendable(id), StandardOpenOption.WRITE)) {
            out.truncate(length);
            out.force(false);
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(id);
        }
    }

    @Override
    public String seal(String id, String extension) throws IOException {
        Path source = appendable(id);
        if (!Files.isRegularFile(source)) {
            throw new ContentMissingException(id);
        }
        String fileId = newId(extension);
        Path target = path(fileId);
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(id);
        }
        return fileId;
    }

    private Path appendable(String id) throws ContentMissingException {
        if (!APPENDABLE_ID.matcher(id).matches()) {
            throw new ContentMissingException(id);
        }
        return root.resolve(id);
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
        String name = randomName();
        String dirs = HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(name), 0, 2);
        return GROUP + "M00/" + dirs.substring(0, 2) + "/" + dirs.substring(2, 4) + "/" + name
                + (extension.isEmpty() ? "" : "." + extension);
    }

    /** 128 random bits, base64url without padding: 22 characters. */
    private String randomName() {
        byte[] name = new byte[16];
        random.nextBytes(name);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name);
    }
}
