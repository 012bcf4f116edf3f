/**
 * The drive of the v2 API: nested folders per user (table user_folder, an adjacency list) holding the files of
 * user_file_list, as nodes addressed by opaque ids; listing, creating, renaming and moving them, their content, and
 * the account summary (/api/v2/me).
 */
package org.clouddisk.drive;
