-- Folders (API.md, "Folders and files"). A tree per user as an adjacency list: each folder names its parent, so
-- renaming or moving a folder rewrites one row whatever its subtree holds. Folders get a table of their own and
-- user_file_list keeps its rows and meaning (one row per file), so every query, count and invariant of the seed's
-- protocol stays about files.
--
-- Each user's root is the folder with parent_id 0 and the empty name; the unique key (user, parent_id, name)
-- therefore allows one root per user and makes folder names unique within their parent.
CREATE TABLE user_folder (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user        VARCHAR(32)  NOT NULL,
    parent_id   BIGINT       NOT NULL,
    name        VARCHAR(255) NOT NULL,
    create_time DATETIME     NOT NULL,
    modify_time DATETIME     NOT NULL,
    CONSTRAINT uq_user_folder_name UNIQUE (user, parent_id, name)
) ${table_options};

-- A root for every registered user and for anybody holding files (the seed never checked that files had a user).
INSERT INTO user_folder (user, parent_id, name, create_time, modify_time)
SELECT user_name, 0, '', create_time, create_time FROM user_info;
INSERT INTO user_folder (user, parent_id, name, create_time, modify_time)
SELECT u.user, 0, '', MIN(u.create_time), MIN(u.create_time) FROM user_file_list u
WHERE NOT EXISTS (SELECT 1 FROM user_folder r WHERE r.user = u.user AND r.parent_id = 0)
GROUP BY u.user;

-- Every existing file goes into its owner's root; all other columns keep their values.
ALTER TABLE user_file_list ADD COLUMN folder_id BIGINT NULL;
ALTER TABLE user_file_list ADD COLUMN modify_time DATETIME NULL;
UPDATE user_file_list SET
    folder_id = (SELECT r.id FROM user_folder r WHERE r.user = user_file_list.user AND r.parent_id = 0),
    modify_time = create_time;
ALTER TABLE user_file_list MODIFY folder_id BIGINT NOT NULL;
ALTER TABLE user_file_list MODIFY modify_time DATETIME NOT NULL;

-- A file is (md5, name) within its folder: the same file may sit in two folders, and the desktop client's
-- identity (user, md5, file_name) becomes a lookup. The key keeps md5 because the seed's protocol lets a user hold
-- two contents under one name, and existing data may do so; everything the v2 API writes is checked for a free
-- name under the user's counter lock (DefaultNodeService), which serialises a user's tree changes.
ALTER TABLE user_file_list DROP CONSTRAINT uq_user_file;
ALTER TABLE user_file_list ADD CONSTRAINT uq_user_file_in_folder UNIQUE (folder_id, file_name, md5);
CREATE INDEX ix_user_file_identity ON user_file_list (user, md5, file_name);
-- The desktop client lists the root folder: the same deferred-join pages as before, per folder.
DROP INDEX ix_user_file_by_time ON user_file_list;
DROP INDEX ix_user_file_by_pv ON user_file_list;
CREATE INDEX ix_user_file_by_time ON user_file_list (folder_id, create_time, id);
CREATE INDEX ix_user_file_by_pv ON user_file_list (folder_id, pv, create_time, id);
