package org.clouddisk.sharing;

/** One entry of the download ranking: a shared md5 + file name and its public pv. */
public record RankedFile(String md5, String fileName, long pv) {

    /** The ranking's member name, as the original: md5 followed by the file name. */
    public String member() {
        return md5 + fileName;
    }
}
