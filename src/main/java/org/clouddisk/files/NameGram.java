package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * A row of the name index (table name_gram, V7__name_grams.sql): the file {@code fileId} of {@code user} has a name
 * whose lowercased form holds {@code gram}. Written by {@link NameIndex} only; mapped so that searches can join it.
 */
@Entity
@Table(name = "name_gram")
@IdClass(NameGram.Key.class)
public class NameGram {

    @Id
    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Id
    @Column(name = "gram", nullable = false, length = 3)
    private String gram;

    @Id
    @Column(name = "file_id", nullable = false)
    private long fileId;

    protected NameGram() {
    }

    /** The primary key (user, gram, file_id). */
    public static class Key implements Serializable {
        private String user;
        private String gram;
        private long fileId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && fileId == k.fileId && Objects.equals(user, k.user) && Objects.equals(gram, k.gram);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, gram, fileId);
        }
    }
}
