// Resumable uploads through tus 1.0.0 (API.md "Uploads", /api/v2/uploads) with tus-js-client, whose browser bundle
// the build puts at vendor/tus-js-client/tus.min.js (window.tus). The browser remembers each unfinished upload
// (tus-js-client's URL storage, in localStorage, keyed by a fingerprint of user, folder and file), so the same file
// chosen again after a reload or a lost network continues where the server stopped. The browser forgets an upload
// once it is done, failed for good, abandoned, or no longer on the server.

import { session } from './session.js';

const ENDPOINT = 'api/v2/uploads';
/** Automatic retries after a failed request, with growing delays (ms). */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000];
/** One PATCH per chunk: progress survives in steps of this size at worst. */
const CHUNK_SIZE = 16 * 1024 * 1024;
const FINGERPRINT_PREFIX = 'clouddisk-v1';

export function tusLibrary() {
    return window.tus && window.tus.isSupported ? window.tus : null;
}

function endpoint() {
    return new URL(ENDPOINT, document.baseURI).href;
}

function bearer(req) {
    const s = session.get();
    if (s) req.setHeader('Authorization', `Bearer ${s.token}`);
}

/** tus-js-client's default rule (not exported): retry unless a 4xx other than 409 and 423, and only online. */
function retryable(status) {
    return (status < 400 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
}

/**
 * Whether a request is the PATCH that sends the file's last bytes. Its 409 means the server found another MD5 than
 * the declared one and discarded the upload: a retry would find it gone and upload the whole file again.
 */
function completes(req, file) {
    return req.getMethod() === 'PATCH' && Number(req.getHeader('Upload-Offset')) + CHUNK_SIZE >= file.size;
}

/** A fingerprint's part: no "/" (it separates them) and no ":" (tus-js-client's storage keys use "::"). */
const part = (value) => encodeURIComponent(String(value)).replace(/:/g, '%3A');

/** Which unfinished upload a file continues: the same user, folder, name, size, modification time and MD5. */
export function fingerprintOf(user, folder, file, md5) {
    return [FINGERPRINT_PREFIX, user, folder, md5, file.size, file.lastModified, file.name].map(part).join('/');
}

/** The user a fingerprint names. */
function userOf(fingerprint) {
    const parts = fingerprint.split('/');
    return parts[0] === FINGERPRINT_PREFIX && parts.length > 1 ? decodeURIComponent(parts[1]) : null;
}

/**
 * A tus upload of `file` into `folder`, not yet started. Callbacks: onOffset(offset) (the server's offset when an
 * unfinished upload continues), onProgress(sent, total), onSuccess(nodeId), onError(error, status) (status: the
 * HTTP status of the answer that ended it, 0 for none).
 */
export function createUpload(file, { user, folder, name, md5, onOffset, onProgress, onSuccess, onError }) {
    const tus = tusLibrary();
    let nodeId = null;
    const upload = new tus.Upload(file, {
        endpoint: endpoint(),
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        metadata: { name, parent: folder, md5 },
        fingerprint: () => Promise.resolve(fingerprintOf(user, folder, file, md5)),
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onBeforeRequest: bearer,
        onAfterResponse: (req, res) => {
            const node = res.getHeader('CloudDisk-Node');
            if (node) nodeId = node;
            const offset = res.getHeader('Upload-Offset');
            if (req.getMethod() === 'HEAD' && res.getStatus() === 200 && offset !== undefined && offset !== null) {
                onOffset(Number(offset));
            }
        },
        onShouldRetry: (error) => {
            const status = error.originalResponse ? error.originalResponse.getStatus() : 0;
            return !(status === 409 && completes(error.originalRequest, file)) && retryable(status);
        },
        onProgress,
        onSuccess: () => onSuccess(nodeId),
        onError: (error) => onError(error, error && error.originalResponse ? error.originalResponse.getStatus() : 0),
    });
    return upload;
}

/**
 * Starts the upload, continuing the unfinished one of the same fingerprint when the browser remembers one (the
 * server's HEAD then says from which offset); answers the storage key of the one it continues, or null.
 */
export async function startUpload(upload) {
    const previous = await upload.findPreviousUploads();
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
    return previous.length ? previous[0].urlStorageKey : null;
}

/**
 * Forgets what the browser remembers of `upload`'s file, so it is not offered to continue. Never fails: what stays
 * is forgotten once the server no longer holds it (rememberedUploads).
 */
export async function forgetUpload(upload) {
    try {
        const previous = await upload.findPreviousUploads();
        for (const p of previous) await tusLibrary().defaultOptions.urlStorage.removeUpload(p.urlStorageKey);
    } catch (e) { /* see above */ }
}

/** False when the server no longer holds the upload at `url` (404 unknown, 410 expired); true when it cannot tell. */
async function stillOnServer(url) {
    const s = session.get();
    const headers = { 'Tus-Resumable': '1.0.0', ...(s ? { Authorization: `Bearer ${s.token}` } : {}) };
    try {
        const res = await fetch(url, { method: 'HEAD', headers, cache: 'no-store' });
        return res.status !== 404 && res.status !== 410;
    } catch (e) {
        return true; // the network: asked again at the next log in
    }
}

/**
 * The unfinished uploads this browser remembers for the user and the server still holds: [{name, size, folder, url,
 * key}]. Those the server no longer holds are forgotten.
 */
export async function rememberedUploads(user) {
    const tus = tusLibrary();
    if (!tus || !tus.canStoreURLs) return [];
    const storage = tus.defaultOptions.urlStorage;
    // keys are "tus::<fingerprint>::<random>"
    const mine = (await storage.findAllUploads())
        .filter((u) => u.uploadUrl && userOf(String(u.urlStorageKey || '').split('::')[1] || '') === user);
    const held = await Promise.all(mine.map((u) => stillOnServer(u.uploadUrl)));
    await Promise.all(mine.filter((u, i) => !held[i]).map((u) => storage.removeUpload(u.urlStorageKey)));
    return mine.filter((u, i) => held[i]).map((u) => ({
        name: (u.metadata && u.metadata.name) || '?',
        size: u.size,
        folder: u.metadata && u.metadata.parent,
        url: u.uploadUrl,
        key: u.urlStorageKey,
    }));
}

/** Abandons a remembered upload on the server (its bytes are freed) and forgets it. */
export async function abandonRemembered(remembered) {
    const tus = tusLibrary();
    try {
        await tus.Upload.terminate(remembered.url, { onBeforeRequest: bearer, retryDelays: [0, 1000] });
    } finally {
        await tus.defaultOptions.urlStorage.removeUpload(remembered.key);
    }
}
