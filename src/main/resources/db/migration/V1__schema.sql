-- CloudDisk's schema, with the original system's table and column names (shared/PROTOCOL.md, "Storage model").
-- ${table_options} is InnoDB / utf8mb4 with a binary NO PAD collation on MariaDB and MySQL (file names and user
-- names compare exactly, trailing spaces included), nothing on H2.

CREATE TABLE user_info (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_name   VARCHAR(32)  NOT NULL,
    nick_name   VARCHAR(32)  NOT NULL,
    password    VARCHAR(160) NOT NULL,
    phone       VARCHAR(20)  NOT NULL,
    email       VARCHAR(64)  NOT NULL,
    create_time DATETIME     NOT NULL,
    CONSTRAINT uq_user_info_user_name UNIQUE (user_name),
    CONSTRAINT uq_user_info_nick_name UNIQUE (nick_name)
) ${table_options};

-- One row per distinct content; count = the number of user_file_list rows with this md5.
CREATE TABLE file_info (
    id      BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    md5     CHAR(32)      NOT NULL,
    file_id VARCHAR(255)  NOT NULL,
    url     VARCHAR(1024) NOT NULL,
    size    BIGINT        NOT NULL,
    type    VARCHAR(16)   NOT NULL,
    count   INT           NOT NULL,
    CONSTRAINT uq_file_info_md5 UNIQUE (md5),
    CONSTRAINT uq_file_info_file_id UNIQUE (file_id)
) ${table_options};

-- A person's files: (user, md5, file_name) is the file.
CREATE TABLE user_file_list (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user          VARCHAR(32)  NOT NULL,
    md5           CHAR(32)     NOT NULL,
    file_name     VARCHAR(255) NOT NULL,
    create_time   DATETIME     NOT NULL,
    shared_status INT          NOT NULL,
    pv            INT          NOT NULL,
    CONSTRAINT uq_user_file UNIQUE (user, md5, file_name)
) ${table_options};
CREATE INDEX ix_user_file_by_time ON user_file_list (user, create_time, id);
CREATE INDEX ix_user_file_by_pv ON user_file_list (user, pv, create_time, id);
CREATE INDEX ix_user_file_md5 ON user_file_list (md5);

-- Per-user file counts; the public share count is kept here too, under a name no user name can take.
CREATE TABLE user_file_count (
    id    BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user  VARCHAR(64) NOT NULL,
    count INT         NOT NULL,
    CONSTRAINT uq_user_file_count_user UNIQUE (user)
) ${table_options};

-- The public share list: one row per shared md5 + file name.
CREATE TABLE share_file_list (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user        VARCHAR(32)  NOT NULL,
    md5         CHAR(32)     NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    pv          INT          NOT NULL,
    create_time DATETIME     NOT NULL,
    CONSTRAINT uq_share_file UNIQUE (md5, file_name)
) ${table_options};
CREATE INDEX ix_share_file_by_time ON share_file_list (create_time, id);
CREATE INDEX ix_share_file_by_pv ON share_file_list (pv, md5, file_name);
