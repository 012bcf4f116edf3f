/*
 * CloudDisk MD5 worker (classic worker script, not a module).
 *
 * Computes the MD5 of a File/Blob incrementally with SparkMD5.ArrayBuffer, reading it
 * slice by slice (default 4 MiB), so a multi-GiB file is never held in memory whole and
 * the page stays responsive.
 *
 * Messages in:  {id, file, chunkSize?}
 * Messages out: {id, type: 'progress', loaded, total}
 *               {id, type: 'done', md5, total}
 *               {id, type: 'error', message}
 *
 * The library is the WebJar org.webjars.npm:spark-md5:2.0.2 served by the WAR at
 * /webjars/spark-md5/2.0.2/spark-md5.min.js; the path is written relative to this
 * script (js/ -> ../webjars/...) so the client also works under a non-root context.
 */
'use strict';

var libraryError = null;
try {
    importScripts('../webjars/spark-md5/2.0.2/spark-md5.min.js');
    if (typeof self.SparkMD5 === 'undefined') {
        libraryError = 'the MD5 library did not define SparkMD5';
    }
} catch (e) {
    libraryError = 'the MD5 library could not be loaded (' + (e && e.message ? e.message : e) + ')';
}

var DEFAULT_CHUNK = 4 * 1024 * 1024;

function readSlice(blob) {
    if (typeof blob.arrayBuffer === 'function') {
        return blob.arrayBuffer();
    }
    // Older engines: FileReaderSync exists only in workers and reads just this slice.
    return Promise.resolve(new FileReaderSync().readAsArrayBuffer(blob));
}

async function hashFile(id, file, chunkSize) {
    if (libraryError) {
        throw new Error(libraryError);
    }
    var spark = new self.SparkMD5.ArrayBuffer();
    var total = file.size;
    var offset = 0;
    var lastReport = 0;
    self.postMessage({ id: id, type: 'progress', loaded: 0, total: total });
    while (offset < total) {
        var end = Math.min(offset + chunkSize, total);
        var buf = await readSlice(file.slice(offset, end));
        spark.append(buf);
        offset = end;
        var now = Date.now();
        // Report at most ~10 times a second, and always at the end.
        if (now - lastReport >= 100 || offset === total) {
            lastReport = now;
            self.postMessage({ id: id, type: 'progress', loaded: offset, total: total });
        }
    }
    var md5 = spark.end();
    spark.destroy();
    return md5;
}

self.onmessage = function (ev) {
    var msg = ev.data || {};
    var id = msg.id;
    var chunk = msg.chunkSize > 0 ? msg.chunkSize : DEFAULT_CHUNK;
    if (!msg.file) {
        self.postMessage({ id: id, type: 'error', message: 'no file given' });
        return;
    }
    hashFile(id, msg.file, chunk).then(function (md5) {
        self.postMessage({ id: id, type: 'done', md5: md5, total: msg.file.size });
    }, function (err) {
        self.postMessage({ id: id, type: 'error', message: err && err.message ? err.message : String(err) });
    });
};
