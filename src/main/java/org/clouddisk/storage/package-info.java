/**
 * Where file content lives: a FastDFS cluster or a local folder, behind one interface.
 */
package org.clouddisk.storage;
