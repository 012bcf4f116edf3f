package org.clouddisk.maintenance;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/**
 * What a reconciliation found and did. The counts are rows repaired; the lists are what cannot be derived and
 * needs an operator: files whose content is gone, and stored content that nothing references.
 *
 * @param unreferencedContent null when the content store cannot list its content (FastDFS)
 */
public record ReconciliationReport(
        int fileCountsRepaired,
        int unreferencedRowsRemoved,
        int userCountsRepaired,
        int folderCountsRepaired,
        int sharesRemoved,
        int sharedStatusRepaired,
        int shareCountRepaired,
        boolean rankingRebuilt,
        List<String> filesWithoutContentRow,
        List<String> contentMissingFromStore,
        @JsonbNillable List<String> unreferencedContent) {

    /** The repairs made in the database, before the store is checked. */
    record Repairs(int fileCounts, int unreferencedRows, int userCounts, int folderCounts, int shares,
                   int sharedStatus, int shareCount, List<String> filesWithoutContentRow) {
    }
}
