// One transfer as a tus upload (resumable.js): paused and resumed by the person, retried by tus-js-client, and
// continued after a reload or a lost network.

import { sessionExpired, SESSION_EXPIRED_MESSAGE } from './api.js';
import { formatSize, formatDuration } from './util.js';
import { createUpload, startUpload } from './resumable.js';
import { Rate, progressDetail } from './transfer-row.js';

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
function resumableFailed(list, t, error, status) {
    if (t.finished || t.cancelled) return;
    if (status === 401) {
        list.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
        sessionExpired();
    } else if (status === 0) {
        // the network is gone: the upload waits, and continues when the browser is back online
        list.setState(t, 'paused', `Connection lost at ${formatSize(t.sent || 0)} of ${formatSize(t.size)} · ` +
            'continues when the network is back, or with Resume');
        list.releaseSlot(t);
        window.addEventListener('online', () => list.resume(t), { once: true });
    } else if (status === 413) {
        list.finish(t, 'failed', 'Not enough space left in your quota, or the file is larger than the server accepts.',
            'failed', `"${t.name}": not enough space left.`, 'error');
    } else if (status === 404 || status === 410) {
        list.finish(t, 'failed', 'The upload expired on the server or its folder is gone: add the file again.',
            'failed', `"${t.name}": the upload expired or its folder is gone.`, 'error');
    } else if (status === 409) {
        list.finish(t, 'failed', 'The file changed while it was uploaded (its MD5 no longer matches): add it again.',
            'failed', `"${t.name}" changed during the upload.`, 'error');
    } else {
        list.finish(t, 'failed', `The upload failed${status ? ` (HTTP ${status})` : ''}: ${error && error.message ? error.message : error}`,
            'failed', `"${t.name}": upload failed.`, 'error');
    }
}
