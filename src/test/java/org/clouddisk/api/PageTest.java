package org.clouddisk.api;

import org.clouddisk.drive.Node;
import org.clouddisk.files.FileItem;
import org.clouddisk.sharing.ShareFilesResource;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The list answers hash without reading their items (JSON-B hashes every object it writes), and keep the contract
 * with the records' equals: equal answers hash alike.
 */
class PageTest {

    /** A list of {@code size} elements that cannot be read, so a hash that walks it fails. */
    private static <T> List<T> unreadable(int size) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                throw new AssertionError("an item was read");
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Test
    void listAnswersHashWithoutReadingTheirItems() {
        assertEquals(new Page<>(unreadable(3), 7).hashCode(), new Page<>(unreadable(3), 7).hashCode());
        assertNotEquals(new Page<>(unreadable(3), 7).hashCode(), new Page<>(unreadable(4), 7).hashCode());
        assertEquals(new FileItem.Page(unreadable(2)).hashCode(), new FileItem.Page(unreadable(2)).hashCode());
        assertEquals(new FileItem.ClassicPage(unreadable(2)).hashCode(),
                new FileItem.ClassicPage(unreadable(2)).hashCode());
        assertEquals(new ShareFilesResource.RankingPage(unreadable(5)).hashCode(),
                new ShareFilesResource.RankingPage(unreadable(5)).hashCode());
        assertEquals(new ShareFilesResource.ClassicRankingPage(unreadable(5)).hashCode(),
                new ShareFilesResource.ClassicRankingPage(unreadable(5)).hashCode());
    }

    @Test
    void aNodeHashesByItsIdWithoutReadingItsPath() {
        Node walked = node("f12", unreadable(2));
        assertEquals(node("f12", List.of()).hashCode(), walked.hashCode());
        assertNotEquals(node("f13", List.of()).hashCode(), walked.hashCode());
    }

    @Test
    void equalAnswersHashAlike() {
        List<Node> items = List.of(node("f1", List.of(new Node.PathStep("d2", "docs"))), node("d3", null));
        List<Node> same = List.of(node("f1", List.of(new Node.PathStep("d2", "docs"))), node("d3", null));
        assertEquals(new Page<>(items, 9), new Page<>(same, 9));
        assertEquals(new Page<>(items, 9).hashCode(), new Page<>(same, 9).hashCode());
        assertEquals(items.get(0).hashCode(), same.get(0).hashCode());
    }

    private static Node node(String id, List<Node.PathStep> path) {
        return new Node(id, "file", "a.txt", "d2", "2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z", 5L,
                "0123456789abcdef0123456789abcdef", "txt", 0, false, path, null, null);
    }
}
