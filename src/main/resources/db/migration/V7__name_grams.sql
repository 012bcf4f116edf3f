-- Search by substring (API.md, "Search") without reading every name of the user: an index of the trigrams of
-- each file's lowercased name. A name contains the lowercased query only if it contains every 3-character piece of
-- it, so the postings of one such piece are the candidates, checked by the real test (lower(file_name) LIKE).
--
-- Grams are cut by the database itself, SUBSTRING(LOWER(file_name), pos, 3), so they are pieces of exactly the
-- string that LIKE compares: MariaDB's LOWER and characters (code points), H2's (Java's) LOWER and UTF-16 units.
-- Every row of user_file_list has its grams whether in the trash or not; they change in the same transaction as
-- the row's name or existence (org.clouddisk.files.NameIndex), with the same statements as below.

-- 1..1000: every position a gram can start at (names hold up to 255 characters; H2's LOWER may lengthen one).
CREATE TABLE name_gram_position (
    pos INT NOT NULL PRIMARY KEY
) ${table_options};
CREATE TABLE name_gram_digit (
    d INT NOT NULL PRIMARY KEY
) ${table_options};
INSERT INTO name_gram_digit (d) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO name_gram_position (pos) SELECT a.d * 100 + b.d * 10 + c.d + 1
FROM name_gram_digit a, name_gram_digit b, name_gram_digit c;
DROP TABLE name_gram_digit;

-- One row per distinct gram of a file's name; (user, gram) is what a search seeks. The key alone, no second index
-- by file: a change deletes a file's rows by their full keys, the grams cut from the name the row still holds (the
-- index is as large as the names' grams, about 20 rows a file, so a second index would double what must stay in
-- the buffer pool). The binary NO PAD collation of ${table_options} keeps 'ab ' and 'ab' apart, as LIKE does.
CREATE TABLE name_gram (
    user    VARCHAR(32) NOT NULL,
    gram    VARCHAR(3)  NOT NULL,
    file_id BIGINT      NOT NULL,
    CONSTRAINT pk_name_gram PRIMARY KEY (user, gram, file_id)
) ${table_options};

INSERT INTO name_gram (user, gram, file_id)
SELECT DISTINCT u.user, SUBSTRING(LOWER(u.file_name), p.pos, 3), u.id
FROM user_file_list u JOIN name_gram_position p ON p.pos <= CHAR_LENGTH(LOWER(u.file_name)) - 2;
