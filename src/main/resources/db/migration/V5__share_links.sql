-- Share links (API.md, "Share links"). A link names one node of its owner (a file or a folder, as the API's node id:
-- f<row id> or d<row id>) and is checked against the live tree at every request: a link whose node is in the trash
-- or purged answers 410, and works again once the node is restored, unless it was revoked.
--
-- id: 128 random bits in URL-safe base64 (22 characters). password_hash: PasswordHasher's salted PBKDF2 form, NULL
-- for a link without password. expires_at: server local time as every other DATETIME here, NULL for never.
-- downloads only ever grows by a conditional UPDATE (downloads < max_downloads), so it never passes the limit.
CREATE TABLE share_link (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    user          VARCHAR(32)  NOT NULL,
    node_id       VARCHAR(24)  NOT NULL,
    password_hash VARCHAR(255) NULL,
    expires_at    DATETIME     NULL,
    max_downloads INT          NULL,
    downloads     INT          NOT NULL DEFAULT 0,
    revoked       BOOLEAN      NOT NULL DEFAULT FALSE,
    create_time   DATETIME     NOT NULL
) ${table_options};

-- A user's links, newest first.
CREATE INDEX ix_share_link_user ON share_link (user, create_time);
