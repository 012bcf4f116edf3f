// Resumable uploads through tus 1.0.0 (API.md "Uploads", /api/v2/uploads) with tus-js-client, whose browser bundle
// the build puts at vendor/tus-js-client/tus.min.js (window.tus). The browser remembers each unfinished upload
// (tus-js-client's URL storage, in localStorage, keyed by a fingerprint of user, folder and file), so the same file
// chosen again after a reload or a lost network continues where the server stopped.

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

/** The unfinished uploads this browser remembers for the user: [{name, size, folder, url, key}]. */
export async function rememberedUploads(user) {
    const tus = tusLibrary();
    if (!tus || !tus.canStoreURLs) return [];
    const all = await tus.defaultOptions.urlStorage.findAllUploads();
    // keys are "tus::<fingerprint>::<random>"
    return all.filter((u) => u.uploadUrl && userOf(String(u.urlStorageKey || '').split('::')[1] || '') === user)
        .map((u) => ({
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
