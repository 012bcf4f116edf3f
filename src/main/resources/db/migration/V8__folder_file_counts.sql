-- How many files each folder holds, changed in the transaction that adds, moves, trashes or restores a file
-- (org.clouddisk.files.FolderCounts): the seed's /myfiles?cmd=count and a listing's total read one row instead of
-- counting the folder's entries, and a page in the second half of a long folder is read from its other end (an
-- OFFSET walks every entry it skips: 13 ms for the last page of 100,000 files, against 1 ms for the first).
-- A file in the trash is in no folder (its folder_id is minus its id, V4) and is counted nowhere; purging a folder
-- deletes its row with the files under it.
ALTER TABLE user_folder ADD COLUMN file_count INT NOT NULL DEFAULT 0;
UPDATE user_folder SET file_count = (SELECT COUNT(*) FROM user_file_list u WHERE u.folder_id = user_folder.id);
