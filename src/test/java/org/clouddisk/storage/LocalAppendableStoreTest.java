package org.clouddisk.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local store's appendable content: a file under uploads/, sealed by a rename into M00/. */
class LocalAppendableStoreTest extends AppendableContentStoreContract {

    @TempDir
    Path dir;

    private LocalContentStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalContentStore(dir);
    }

    @Override
    AppendableContentStore store() {
        return store;
    }

    @Override
    long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void appendableContentIsAFileUnderUploads() throws IOException {
        String id = store.createAppendable("txt");
        assertTrue(id.matches("uploads/[A-Za-z0-9_-]{22}"), id);
        assertTrue(Files.isRegularFile(dir.resolve(id)));
    }

    @Test
    void anAppendAtTheWrongOffsetWritesNothing() throws IOException {
        String id = store.createAppendable("");
        append(id, 0, new byte[]{1, 2}, 2);
        assertThrows(IOException.class, () -> append(id, 1, new byte[]{3}, 1));
        assertEquals(2, store.length(id));
    }

    @Test
    void idsOutsideTheStoreNameNothing() {
        assertThrows(ContentMissingException.class, () -> store.length("uploads/../../etc/passwd"));
        assertThrows(ContentMissingException.class, () -> store.truncate("../x", 0));
    }
}
