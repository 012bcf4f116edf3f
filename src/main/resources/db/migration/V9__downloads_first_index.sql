-- /myfiles?cmd=pvdesc orders by downloads, most first, then by upload time, oldest first: mixed directions, which
-- ix_user_file_by_pv (all ascending) cannot give, so every page sorted the folder's whole index (19 ms for the
-- first page of 100,000 files, 42 ms for the last). In this index's order the first page is its first 50 entries,
-- and a page read from the list's other end (pv ascending, newest first) is the same index read backwards.
-- MariaDB keeps DESC in indexes since 10.8 (MySQL since 8.0); H2 too.
CREATE INDEX ix_user_file_by_pv_desc ON user_file_list (folder_id, pv DESC, create_time, id);
