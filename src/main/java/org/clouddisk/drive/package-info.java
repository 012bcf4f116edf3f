/**
 * The drive of the v2 API: nested folders per user (table user_folder, an adjacency list) holding the files of
 * user_file_list, as nodes addressed by opaque ids; listing, creating, renaming and moving them, their content,
 * search by name, the trash (a trashed node is marked at the top of its subtree only), and the account summary
 * (/api/v2/me) with the user's quota.
 */
package org.clouddisk.drive;
