// One transfer as a tus upload (resumable.js): paused and resumed by the person, retried by tus-js-client, and
// continued after a reload or a lost network.

import { sessionExpired, SESSION_EXPIRED_MESSAGE } from './api.js';
import { problemMessage } from './v2.js';
import { formatSize, formatDuration } from './util.js';
import { tusLibrary, createUpload, startUpload, forgetUpload } from './resumable.js';
import { Rate, progressDetail } from './transfer-row.js';

/**
 * How often an upload paused by a lost connection tries again by itself: the browser need not have gone offline
 * (a server restarting for longer than tus-js-client's retries).
 */
const NETWORK_RETRY_MS = 30 * 1000;

/** A tus upload: resolves when the row gives its slot back (finished, failed, cancelled or paused). */
export function uploadResumable(list, t) {
    return new Promise((resolve) => {
        if (t.cancelled) {
            resolve();
            return;
        }
        t.release = resolve;
        t.rate = new Rate(t.sent || 0);
        if (t.tus) { // resumed after a pause: the same upload continues at the server's offset
            list.setState(t, 'uploading', progressDetail(t.sent || 0, t.size, 0));
            t.tus.start();
            return;
        }
        if (!tusLibrary()) {
            list.finish(t, 'failed', 'The upload component did not load: reload the page.', 'failed',
                `"${t.name}": the upload component did not load: reload the page.`, 'error');
            return;
        }
        const s = list.getSession();
        if (!s) {
            list.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
            return;
        }
        t.tus = createUpload(t.file, {
            user: s.user,
            folder: t.folder,
            name: t.name,
            md5: t.md5,
            onOffset: (offset) => { // the server's offset as an upload continues (after a pause or a reload)
                t.el.dataset.resumedFrom = String(offset);
                t.sent = offset;
                t.rate = new Rate(offset);
            },
            onProgress: (sent, total) => {
                if (t.state !== 'uploading') return;
                t.sent = sent;
                t.progressEl.value = total ? (sent / total) * 100 : 100;
                t.detailEl.textContent = progressDetail(sent, total, t.rate.update(sent));
            },
            onSuccess: (nodeId) => {
                if (nodeId) t.el.dataset.node = nodeId;
                const secs = (performance.now() - t.started) / 1000;
                list.finish(t, 'done', `${formatSize(t.size)} uploaded in ${formatDuration(secs) || '0s'}` +
                    (t.resumedKey ? ', continued from an interrupted upload' : ''), 'stored',
                    `"${t.name}" was uploaded.`, 'ok');
                list.onStored();
            },
            onError: (error, status) => resumableFailed(list, t, error, status),
        });
        t.started = performance.now();
        list.setState(t, 'uploading', progressDetail(0, t.size, 0));
        startUpload(t.tus).then((previousKey) => {
            if (!previousKey) return;
            t.resumedKey = previousKey;
            for (const r of list.items.filter((x) => x.rememberedKey === previousKey)) list.drop(r);
        }, (e) => resumableFailed(list, t, e, 0));
    });
}

/** tus-js-client gave up (after its retries, or at once for answers that retrying cannot change). */
async function resumableFailed(list, t, error, status) {
    if (t.finished || t.cancelled) return;
    if (status === 401) { // still remembered: the same person continues it after logging in again
        list.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
        sessionExpired();
    } else if (status === 0) {
        // No answer: the file could not be read (an error without a request; a file deleted or changed on disk
        // also fails the request, so it is read again to tell), else the network is gone.
        const readError = error && !error.originalRequest ? error : await readErrorOf(t.file);
        if (t.finished || t.cancelled || t.state !== 'uploading') return;
        if (!readError) waitForNetwork(list, t);
        else fail(list, t, `Could not read the file: ${readError.message || readError}`, 'could not read the file.');
    } else if (status === 413) {
        fail(list, t, 'Not enough space left in your quota, or the file is larger than the server accepts.',
            'not enough space left.');
    } else if (status === 404 || status === 410) {
        fail(list, t, 'The upload expired on the server or its folder is gone: add the file again.',
            'the upload expired or its folder is gone.');
    } else if (status === 409) { // the server discarded the upload (resumable.js does not retry this one)
        fail(list, t, "The bytes received do not match the file's MD5 (did the file change while it uploaded?): " +
            'add it again.', 'the bytes received do not match its MD5.');
    } else {
        fail(list, t, `The upload failed: ${answerMessage(error, status)}`, 'upload failed.');
    }
}

/** A failure for good: the browser forgets the upload too, so it is not offered to continue. */
function fail(list, t, detail, notifyText) {
    forgetUpload(t.tus);
    list.finish(t, 'failed', detail, 'failed', `"${t.name}": ${notifyText}`, 'error');
}

/** The error reading `file` gives now (deleted or changed on disk since it was chosen), or null. */
async function readErrorOf(file) {
    try {
        await file.slice(0, 1).arrayBuffer();
        return null;
    } catch (e) {
        return e;
    }
}

/** The human message of the answer that ended the upload: its problem document (API.md), else its status. */
function answerMessage(error, status) {
    let problem = null;
    try {
        problem = JSON.parse(error.originalResponse.getBody());
    } catch (e) { /* no problem document: the status says it */ }
    return problemMessage(status, problem);
}

/**
 * The connection is lost: the row waits as paused and continues when the browser is back online, or by itself
 * every NETWORK_RETRY_MS. t.waiting ends the wait (list.stopWaiting: on resume, pause, cancel and finish).
 */
function waitForNetwork(list, t) {
    list.setState(t, 'paused', `Connection lost at ${formatSize(t.sent || 0)} of ${formatSize(t.size)} · ` +
        'continues when the server can be reached again, or with Resume');
    list.releaseSlot(t);
    const retry = () => list.resume(t); // which ends the wait
    const timer = setInterval(() => {
        if (navigator.onLine !== false) retry(); // offline: the 'online' event says when
    }, NETWORK_RETRY_MS);
    window.addEventListener('online', retry);
    t.waiting = {
        cancel: () => {
            clearInterval(timer);
            window.removeEventListener('online', retry);
        },
    };
}
