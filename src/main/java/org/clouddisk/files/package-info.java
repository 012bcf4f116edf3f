/**
 * A person's files: uploads, instant uploads, lists, downloads, deletion and download counts, with the reference
 * counting that keeps one copy of each content. {@code DefaultFileService} makes the changes, each in one
 * container-managed transaction; {@code Quotas} weighs usage against limits and {@code LivePlaces} tells what is
 * outside the trash, both in the caller's transaction or in none.
 */
package org.clouddisk.files;
