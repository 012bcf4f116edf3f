-- Trash, quotas and administration (API.md, "Trash", "Quotas", "Administration").
--
-- A trashed node is marked at the top of its subtree only, so trashing and restoring cost the same whatever the
-- subtree holds: the top node leaves its folder for a parent of its own, the negation of its own id (no unique key
-- and no listing of a live folder meets it), and remembers where it came from and when. Its descendants keep their
-- rows and are hidden through it.
ALTER TABLE user_folder ADD COLUMN trashed_from BIGINT NULL;
ALTER TABLE user_folder ADD COLUMN trashed_at DATETIME NULL;
CREATE INDEX ix_user_folder_trash ON user_folder (user, trashed_at);
ALTER TABLE user_file_list ADD COLUMN trashed_from BIGINT NULL;
ALTER TABLE user_file_list ADD COLUMN trashed_at DATETIME NULL;
CREATE INDEX ix_user_file_trash ON user_file_list (user, trashed_at);
CREATE INDEX ix_user_folder_expiry ON user_folder (trashed_at);
CREATE INDEX ix_user_file_expiry ON user_file_list (trashed_at);

-- Search scans one user's names in this index alone (a name contains the query at any position, so no index can
-- seek to it; the user's prefix bounds the scan).
CREATE INDEX ix_user_file_name ON user_file_list (user, file_name, folder_id);

-- Trashing a folder takes the shared files under it out of the public list; a user's shared files are found here.
CREATE INDEX ix_user_file_shared ON user_file_list (user, shared_status);

-- A user's usage in bytes beside the user's file count, in the row every change of the user's files locks.
ALTER TABLE user_file_count ADD COLUMN used_bytes BIGINT NOT NULL DEFAULT 0;
UPDATE user_file_count SET used_bytes = (SELECT COALESCE(SUM(i.size), 0) FROM user_file_list u
    JOIN file_info i ON i.md5 = u.md5 WHERE u.user = user_file_count.user);

-- What an administrator sets: a quota of the user's own (NULL: the deployment's default), and a disabled account.
ALTER TABLE user_info ADD COLUMN quota_bytes BIGINT NULL;
ALTER TABLE user_info ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
