-- Resumable uploads (tus 1.0.0, API.md "Uploads"): one row per unfinished upload. Its bytes are already in the
-- content store as appendable content (content_id); upload_offset is how many of them were acknowledged, and
-- digest_state the MD5 state after exactly those bytes (BouncyCastle's encoded MD5Digest), so any node continues
-- where another stopped and completion never reads the content again. upload_length counts in the owner's
-- user_file_count.used_bytes from creation until the upload completes, is terminated or expires.
-- lease_token / lease_until: the one PATCH that may write now (a lease, so a crashed node's lapses by itself).
-- completed_node: set when the upload became a file (that file's node id); the row then only answers HEAD and a
-- client's closing empty PATCH at the full offset until it expires, and counts in nothing (its content is the file's).
CREATE TABLE upload (
    id             CHAR(32)     NOT NULL PRIMARY KEY,
    user           VARCHAR(32)  NOT NULL,
    folder_id      BIGINT       NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    upload_length  BIGINT       NOT NULL,
    upload_offset  BIGINT       NOT NULL,
    md5            CHAR(32)     NULL,
    digest_state   VARBINARY(512) NOT NULL,
    content_id     VARCHAR(255) NOT NULL,
    created        DATETIME     NOT NULL,
    expires        DATETIME     NOT NULL,
    lease_token    CHAR(32)     NULL,
    lease_until    DATETIME     NULL,
    completed_node VARCHAR(32)  NULL,
    CONSTRAINT uq_upload_content UNIQUE (content_id)
) ${table_options};
CREATE INDEX ix_upload_expires ON upload (expires);
CREATE INDEX ix_upload_user ON upload (user);
