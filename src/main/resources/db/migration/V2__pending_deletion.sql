-- Content whose last reference is gone, waiting to be deleted from the content store. A row is written in the
-- transaction that removes the file_info row, so a deletion the store could not take (storage down, node crash)
-- is retried later by the maintenance timer instead of leaving an orphan.
CREATE TABLE pending_deletion (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    file_id      VARCHAR(255) NOT NULL,
    md5          CHAR(32)     NOT NULL,
    attempts     INT          NOT NULL,
    next_attempt DATETIME     NOT NULL,
    create_time  DATETIME     NOT NULL,
    CONSTRAINT uq_pending_deletion_file_id UNIQUE (file_id)
) ${table_options};
CREATE INDEX ix_pending_deletion_due ON pending_deletion (next_attempt);
