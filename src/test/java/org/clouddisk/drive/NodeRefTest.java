package org.clouddisk.drive;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeRefTest {

    @Test
    void readsTheIdsItWrites() {
        assertEquals(Optional.of(new NodeRef(NodeRef.Kind.FOLDER, 42)), NodeRef.parse(NodeRef.folder(42)));
        assertEquals(Optional.of(new NodeRef(NodeRef.Kind.FILE, 7)), NodeRef.parse(NodeRef.file(7)));
        assertEquals(NodeRef.Kind.ROOT, NodeRef.parse("root").orElseThrow().kind());
    }

    @Test
    void anythingElseNamesNoNode() {
        for (String id : new String[]{null, "", "d", "f", "x1", "D1", "d-1", "d+1", "d1.0", "d 1", "Root", "d１",
                "d99999999999999999999", "f12345678901234567890"}) {
            assertEquals(Optional.empty(), NodeRef.parse(id), id);
        }
    }
}
