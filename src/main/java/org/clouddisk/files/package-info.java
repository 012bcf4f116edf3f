/**
 * A person's files: uploads, instant uploads, lists, downloads, deletion and download counts, with the reference counting that keeps one copy of each content.
 */
package org.clouddisk.files;
