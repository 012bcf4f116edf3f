// Transfer list (uploads and downloads), like a desktop client's transfer panel.
//
// Upload of one file: MD5 in a Web Worker (state "hashing") -> for files of 1 MiB and more, instant upload with
// proof of possession (instant.js: the server names random ranges, the page answers their HMAC) -> "instant"; else
// a resumable tus upload into the folder (resumable.js, "uploading"), which the person may pause and resume
// ("paused"), retried automatically with growing delays, continued after a reload or a lost network when the same
// file is chosen again -> "done" / "failed". Cancel at any step -> "cancelled" (a tus upload is abandoned on the
// server). Waiting for a free slot: "queued". Uploads the browser remembers from before a reload show as
// "interrupted" until their file is chosen again. A server without /api/v2/uploads gets the seed's /upload, which
// stores into root; the file is then moved into its folder ("placing"; outcome "misplaced" when that fails).
// Each row: <li data-id data-kind=upload|download data-name data-state data-outcome>, data-resumed-from (the
// offset the server reported when the upload last continued, after a pause or a reload).

import { sessionExpired, message, NetworkError, SessionExpiredError, SESSION_EXPIRED_MESSAGE, DIALECT_HEADER } from './api.js';
import { h, formatSize, formatSpeed, formatDuration } from './util.js';
import { instantUpload, INSTANT_MIN_SIZE, canProve } from './instant.js';
import { tusLibrary, createUpload, startUpload, rememberedUploads, abandonRemembered } from './resumable.js';

const CHUNK_SIZE = 4 * 1024 * 1024;
const MAX_HASHING = 1;      // hashing is CPU and disk bound: one file at a time
const MAX_UPLOADING = 2;    // keep connections free for the API calls (browsers allow ~6 per host)

const ACTIVE_STATES = new Set(['queued', 'hashing', 'uploading', 'paused', 'placing']);
/** What keeps the page busy: a paused upload sends nothing and continues after a reload. */
const RUNNING_STATES = new Set(['queued', 'hashing', 'uploading', 'placing']);
const ROOT = 'root';

const STATE_LABELS = {
    queued: 'Waiting',
    hashing: 'Computing MD5',
    uploading: 'Uploading',
    paused: 'Paused',
    interrupted: 'Interrupted',
    placing: 'Moving into its folder',
    done: 'Done',
    instant: 'Instant upload',
    failed: 'Failed',
    cancelled: 'Cancelled',
};

let seq = 0;

/** Transfer speed over the last 3 seconds. */
class Rate {
    constructor(bytes = 0) {
        this.samples = [[performance.now(), bytes]];
    }

    /** Bytes per second after `bytes` in all. */
    update(bytes) {
        const now = performance.now();
        this.samples.push([now, bytes]);
        while (this.samples.length > 2 && now - this.samples[0][0] > 3000) this.samples.shift();
        const [t0, b0] = this.samples[0];
        return now > t0 ? ((bytes - b0) * 1000) / (now - t0) : 0;
    }
}

/** "12 MB of 40 MB · 30.0 % · 5 MB/s · 6s left" */
function progressDetail(sent, total, speed) {
    const frac = total ? Math.min(1, sent / total) : 1;
    const left = speed > 0 ? (total - sent) / speed : NaN;
    return `${formatSize(sent)} of ${formatSize(total)} · ${(frac * 100).toFixed(1)} % · ${formatSpeed(speed)}` +
        (frac < 1 && Number.isFinite(left) ? ` · ${formatDuration(left)} left` : '');
}

export class Transfers {
    /**
     * @param {object} o
     * @param {HTMLElement} o.listEl        the <ul id="transfer-list">
     * @param {HTMLElement} o.countEl       element showing the number of active transfers
     * @param {HTMLElement} o.emptyEl       shown when the list is empty
     * @param {() => {user:string, token:string}|null} o.getSession
     * @param {(text:string, kind?:string) => void} o.notify
     * @param {() => void} o.onStored       called when a file was added to the user's files
     * @param {(name:string, md5:string, folder:string) => Promise<void>} o.place  moves a file stored in root
     *                                      into its folder
     */
    constructor({ listEl, countEl, emptyEl, getSession, notify, onStored, place }) {
        this.listEl = listEl;
        this.countEl = countEl;
        this.emptyEl = emptyEl;
        this.getSession = getSession;
        this.notify = notify;
        this.onStored = onStored;
        this.place = place;
        this.items = [];
        this.hashQueue = [];
        this.uploadQueue = [];
        this.hashing = 0;
        this.uploading = 0;
        this.workerUrl = new URL('./md5-worker.js', import.meta.url);
        this.refreshCount();
    }

    /** True while something is hashing, uploading or waiting to. */
    hasActive() {
        return this.items.some((t) => ACTIVE_STATES.has(t.state));
    }

    /** True while something is being sent or prepared (a paused upload is not: it continues after a reload). */
    hasRunning() {
        return this.items.some((t) => RUNNING_STATES.has(t.state));
    }

    // ---------- rows ----------

    createRow(t) {
        t.stateEl = h('span', { class: 'transfer-state' });
        t.progressEl = h('progress', { class: 'transfer-progress', max: '100', value: '0', 'aria-label': `Progress of ${t.name}` });
        t.detailEl = h('span', { class: 'transfer-detail' });
        t.cancelBtn = h('button', {
            type: 'button',
            class: 'btn btn-small transfer-cancel',
            'aria-label': `Cancel ${t.name}`,
            onclick: () => this.cancel(t),
        }, 'Cancel');
        t.pauseBtn = h('button', {
            type: 'button',
            class: 'btn btn-small transfer-pause',
            hidden: true,
            onclick: () => (t.state === 'paused' ? this.resume(t) : this.pause(t)),
        }, 'Pause');
        t.el = h('li', { class: 'transfer', dataset: { id: t.id, kind: t.kind, name: t.name } },
            h('div', { class: 'transfer-head' },
                h('span', { class: 'transfer-kind', 'aria-hidden': 'true' }, t.kind === 'upload' ? '↑' : '↓'),
                h('span', { class: 'transfer-name', title: t.name }, t.name),
                t.stateEl),
            t.progressEl,
            h('div', { class: 'transfer-foot' }, t.detailEl, h('span', { class: 'transfer-actions' }, t.pauseBtn, t.cancelBtn)));
        this.listEl.prepend(t.el);
        this.items.push(t);
    }

    setState(t, state, detail, outcome) {
        t.state = state;
        t.el.dataset.state = state;
        if (outcome) t.el.dataset.outcome = outcome;
        t.stateEl.textContent = t.stateLabel || STATE_LABELS[state] || state;
        t.stateLabel = null;
        if (detail !== undefined) t.detailEl.textContent = detail;
        const active = ACTIVE_STATES.has(state);
        t.cancelBtn.hidden = !(active || state === 'interrupted') || state === 'placing'; // placing: it is stored
        const pausable = Boolean(t.tus) && (state === 'uploading' || state === 'paused');
        t.pauseBtn.hidden = !pausable;
        t.pauseBtn.textContent = state === 'paused' ? 'Resume' : 'Pause';
        t.pauseBtn.setAttribute('aria-label', `${state === 'paused' ? 'Resume' : 'Pause'} ${t.name}`);
        t.el.classList.toggle('is-active', active);
        if (state === 'done' || state === 'instant') {
            t.progressEl.value = 100;
        } else if (!active && t.progressEl.value === 0) {
            t.progressEl.removeAttribute('value');
            t.progressEl.hidden = true;
        }
        this.refreshCount();
    }

    refreshCount() {
        const n = this.items.filter((t) => ACTIVE_STATES.has(t.state)).length;
        if (this.countEl) {
            this.countEl.textContent = String(n);
            this.countEl.hidden = n === 0;
        }
        if (this.emptyEl) this.emptyEl.hidden = this.items.length > 0;
    }

    /** Removes finished rows. */
    clearFinished() {
        this.items = this.items.filter((t) => {
            if (ACTIVE_STATES.has(t.state)) return true;
            t.el.remove();
            return false;
        });
        this.refreshCount();
    }

    // ---------- downloads ----------

    /** Records a download handed to the browser; returns a function to append a note. */
    addDownload(name, size) {
        const t = { id: `t${++seq}`, kind: 'download', name, size, state: 'done' };
        this.createRow(t);
        t.progressEl.hidden = true;
        this.setState(t, 'done', `${formatSize(size)} · started in your browser's downloads`, 'download');
        t.stateLabel = null;
        t.stateEl.textContent = 'Download started';
        return (note) => {
            t.detailEl.textContent = `${formatSize(size)} · started in your browser's downloads · ${note}`;
        };
    }

    // ---------- uploads ----------

    /** Queues uploads: [{file, folder}], folder an id or "root". */
    addUploads(uploads) {
        for (const { file, folder } of uploads) {
            const t = { id: `t${++seq}`, kind: 'upload', name: file.name, size: file.size, file, folder, state: 'queued' };
            this.createRow(t);
            this.setState(t, 'queued', `${formatSize(file.size)} · waiting to compute the MD5`);
            this.hashQueue.push(t);
        }
        this.pump();
    }

    pump() {
        while (this.hashing < MAX_HASHING && this.hashQueue.length) {
            const t = this.hashQueue.shift();
            if (t.state !== 'queued') continue;
            this.hashing++;
            this.hashAndCheck(t).finally(() => {
                this.hashing--;
                this.pump();
            });
        }
        while (this.uploading < MAX_UPLOADING && this.uploadQueue.length) {
            const t = this.uploadQueue.shift();
            if (t.state !== 'queued') continue;
            this.uploading++;
            this.upload(t).finally(() => {
                this.uploading--;
                this.pump();
            });
        }
    }

    cancel(t) {
        if (t.state === 'interrupted') {
            this.abandon(t);
            return;
        }
        if (!ACTIVE_STATES.has(t.state)) return;
        t.cancelled = true;
        if (t.worker) {
            t.worker.terminate();
            t.worker = null;
            if (t.rejectHash) t.rejectHash(new DOMException('cancelled', 'AbortError'));
        }
        if (t.abortController) t.abortController.abort();
        if (t.xhr) t.xhr.abort(); // onabort finishes the row
        if (t.tus) {
            const upload = t.tus;
            // abandoned on the server too (DELETE frees its bytes), and forgotten by the browser
            upload.abort(true).catch(() => { /* the server expires what it could not be told */ });
            this.finish(t, 'cancelled', 'Upload cancelled.', 'cancelled', `"${t.name}": upload cancelled.`, 'info');
            return;
        }
        if (t.state === 'queued' || t.state === 'hashing') {
            this.finish(t, 'cancelled', 'Cancelled before anything was sent.', 'cancelled');
        }
    }

    /**
     * Stops everything in progress (log out, session expired). Resumable uploads are only stopped, not abandoned:
     * the same person continues them by choosing the files again after logging in.
     */
    cancelAll() {
        for (const t of [...this.items]) {
            if (t.tus && ACTIVE_STATES.has(t.state)) {
                t.cancelled = true;
                t.tus.abort(false).catch(() => { /* nothing was running */ });
                this.finish(t, 'cancelled', 'Stopped: choose the file again after logging in to continue.', 'stopped');
            } else {
                this.cancel(t);
            }
        }
    }

    pause(t) {
        if (t.state !== 'uploading' || !t.tus) return;
        t.tus.abort(false).catch(() => { /* nothing was running */ });
        this.setState(t, 'paused', `Paused at ${formatSize(t.sent || 0)} of ${formatSize(t.size)} · Resume continues from there`);
        this.releaseSlot(t);
    }

    resume(t) {
        if (t.state !== 'paused' || !t.tus) return;
        this.setState(t, 'queued', `${formatSize(t.sent || 0)} of ${formatSize(t.size)} · waiting for a free upload slot`);
        this.uploadQueue.push(t);
        this.pump();
    }

    releaseSlot(t) {
        const release = t.release;
        t.release = null;
        if (release) release();
    }

    finish(t, state, detail, outcome, notifyText, notifyKind) {
        if (t.finished) return;
        t.finished = true;
        t.worker = null;
        t.tus = null;
        this.releaseSlot(t);
        t.xhr = null;
        t.abortController = null;
        t.file = null; // let the File go
        this.setState(t, state, detail, outcome);
        if (notifyText) this.notify(notifyText, notifyKind);
    }

    hashFile(t) {
        return new Promise((resolve, reject) => {
            let worker;
            try {
                worker = new Worker(this.workerUrl);
            } catch (e) {
                reject(new Error('this browser cannot start the MD5 worker'));
                return;
            }
            t.worker = worker;
            t.rejectHash = reject;
            const started = performance.now();
            worker.onmessage = (ev) => {
                const m = ev.data || {};
                if (m.type === 'progress') {
                    const pct = m.total ? (m.loaded / m.total) * 100 : 100;
                    t.progressEl.value = pct;
                    const secs = (performance.now() - started) / 1000;
                    const speed = secs > 0 ? m.loaded / secs : 0;
                    t.detailEl.textContent = `MD5 ${formatSize(m.loaded)} of ${formatSize(m.total)} · ${pct.toFixed(1)} %` +
                        (m.loaded > 0 && m.loaded < m.total ? ` · ${formatSpeed(speed)}` : '');
                } else if (m.type === 'done') {
                    worker.terminate();
                    t.worker = null;
                    resolve(m.md5);
                } else if (m.type === 'error') {
                    worker.terminate();
                    t.worker = null;
                    reject(new Error(m.message || 'the MD5 could not be computed'));
                }
            };
            worker.onerror = (ev) => {
                ev.preventDefault();
                worker.terminate();
                t.worker = null;
                reject(new Error(ev.message || 'the MD5 worker failed'));
            };
            worker.postMessage({ id: t.id, file: t.file, chunkSize: CHUNK_SIZE });
        });
    }

    async hashAndCheck(t) {
        if (t.cancelled) return;
        this.setState(t, 'hashing', `MD5 0 B of ${formatSize(t.size)} · 0 %`);
        let md5;
        try {
            md5 = await this.hashFile(t);
        } catch (e) {
            if (t.cancelled) return;
            this.finish(t, 'failed', `Could not read the file or compute its MD5: ${e.message}`, 'md5-error',
                `"${t.name}": could not compute the MD5 (${e.message}).`, 'error');
            return;
        }
        if (t.cancelled) return;
        t.md5 = md5;
        t.el.dataset.md5 = md5;
        t.progressEl.value = 0;
        if (t.size >= INSTANT_MIN_SIZE && canProve()) {
            t.stateLabel = 'Checking';
            this.setState(t, 'hashing', `MD5 ${md5} · asking the server whether it already has this content…`);
            t.abortController = new AbortController();
            let node;
            try {
                node = await instantUpload(t.file, { folder: t.folder, name: t.name, md5, signal: t.abortController.signal });
            } catch (e) {
                this.failFromError(t, e);
                return;
            } finally {
                t.abortController = null;
            }
            if (t.cancelled) return;
            if (node) {
                t.el.dataset.node = node.id;
                const renamed = node.name !== t.name ? ` as "${node.name}"` : '';
                this.finish(t, 'instant', `Instant upload${renamed}: the server already had this content ` +
                    `(${formatSize(t.size)}) and the page proved it has the same bytes; nothing was uploaded.`,
                    'instant', `"${t.name}" was added instantly.`, 'ok');
                this.onStored();
                return;
            }
        }
        this.setState(t, 'queued', `${formatSize(t.size)} · waiting for a free upload slot`);
        this.uploadQueue.push(t);
    }

    /** Whether the server takes tus uploads (API.md "Uploads"); asked once. */
    resumableUploads() {
        if (!this.tusCheck) {
            this.tusCheck = !tusLibrary() ? Promise.resolve(false)
                : fetch('api/v2/uploads', { method: 'OPTIONS', cache: 'no-store' })
                    .then((res) => (res.headers.get('Tus-Version') || '').split(',').map((v) => v.trim()).includes('1.0.0'))
                    .catch(() => false);
            this.tusCheck.then((yes) => { if (!yes) this.tusCheck = null; }); // asked again next time
        }
        return this.tusCheck;
    }

    /** The file is in the user's root: moves it into its folder when it belongs elsewhere, then finishes. */
    async stored(t, state, detail, outcome, notifyText) {
        if (t.folder !== ROOT) {
            this.setState(t, 'placing', 'Stored; moving it into its folder…');
            try {
                await this.place(t.name, t.md5, t.folder);
            } catch (e) {
                this.finish(t, 'failed', `Stored in My files, but it could not be moved into its folder: ${e.message}`,
                    'misplaced', `"${t.name}" is in My files: it could not be moved into its folder (${e.message}).`, 'error');
                this.onStored();
                return;
            }
        }
        this.finish(t, state, detail, outcome, notifyText, 'ok');
        this.onStored();
    }

    failFromError(t, e) {
        if (t.cancelled || (e && e.name === 'AbortError')) {
            this.finish(t, 'cancelled', 'Cancelled.', 'cancelled');
        } else if (e instanceof SessionExpiredError) {
            this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
        } else if (e instanceof NetworkError) {
            this.finish(t, 'failed', e.message, 'network', `"${t.name}": ${e.message}`, 'error');
        } else {
            this.finish(t, 'failed', e.message, 'failed', `"${t.name}": ${e.message}`, 'error');
        }
    }

    async upload(t) {
        if (t.cancelled) return;
        if (await this.resumableUploads()) await this.uploadResumable(t);
        else await this.uploadWhole(t);
    }

    /** A tus upload: resolves when the row gives its slot back (finished, failed, cancelled or paused). */
    uploadResumable(t) {
        return new Promise((resolve) => {
            if (t.cancelled) {
                resolve();
                return;
            }
            t.release = resolve;
            t.rate = new Rate(t.sent || 0);
            if (t.tus) { // resumed after a pause: the same upload continues at the server's offset
                this.setState(t, 'uploading', progressDetail(t.sent || 0, t.size, 0));
                t.tus.start();
                return;
            }
            const s = this.getSession();
            if (!s) {
                this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
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
                    this.finish(t, 'done', `${formatSize(t.size)} uploaded in ${formatDuration(secs) || '0s'}` +
                        (t.resumedKey ? ', continued from an interrupted upload' : ''), 'stored',
                        `"${t.name}" was uploaded.`, 'ok');
                    this.onStored();
                },
                onError: (error, status) => this.resumableFailed(t, error, status),
            });
            t.started = performance.now();
            this.setState(t, 'uploading', progressDetail(0, t.size, 0));
            startUpload(t.tus).then((previousKey) => {
                if (!previousKey) return;
                t.resumedKey = previousKey;
                for (const r of this.items.filter((x) => x.rememberedKey === previousKey)) this.drop(r);
            }, (e) => this.resumableFailed(t, e, 0));
        });
    }

    /** tus-js-client gave up (after its retries, or at once for answers that retrying cannot change). */
    resumableFailed(t, error, status) {
        if (t.finished || t.cancelled) return;
        if (status === 401) {
            this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
            sessionExpired();
        } else if (status === 0) {
            // the network is gone: the upload waits, and continues when the browser is back online
            this.setState(t, 'paused', `Connection lost at ${formatSize(t.sent || 0)} of ${formatSize(t.size)} · ` +
                'continues when the network is back, or with Resume');
            this.releaseSlot(t);
            window.addEventListener('online', () => this.resume(t), { once: true });
        } else if (status === 413) {
            this.finish(t, 'failed', 'Not enough space left in your quota, or the file is larger than the server accepts.',
                'failed', `"${t.name}": not enough space left.`, 'error');
        } else if (status === 404 || status === 410) {
            this.finish(t, 'failed', 'The upload expired on the server or its folder is gone: add the file again.',
                'failed', `"${t.name}": the upload expired or its folder is gone.`, 'error');
        } else if (status === 409) {
            this.finish(t, 'failed', 'The file changed while it was uploaded (its MD5 no longer matches): add it again.',
                'failed', `"${t.name}" changed during the upload.`, 'error');
        } else {
            this.finish(t, 'failed', `The upload failed${status ? ` (HTTP ${status})` : ''}: ${error && error.message ? error.message : error}`,
                'failed', `"${t.name}": upload failed.`, 'error');
        }
    }

    /** Rows for the unfinished uploads this browser remembers of the user (from before a reload). */
    async showRemembered(user) {
        let remembered;
        try {
            remembered = await rememberedUploads(user);
        } catch (e) {
            return;
        }
        for (const r of remembered) {
            if (this.items.some((x) => x.rememberedKey === r.key || x.resumedKey === r.key)) continue;
            const t = { id: `t${++seq}`, kind: 'upload', name: r.name, size: r.size, state: 'interrupted', remembered: r,
                rememberedKey: r.key };
            this.createRow(t);
            t.el.dataset.remembered = 'true';
            t.progressEl.hidden = true;
            this.setState(t, 'interrupted', `${formatSize(r.size)} · unfinished: choose the same file again to continue ` +
                'where it stopped', 'interrupted');
        }
    }

    /** Cancel of a remembered upload: abandoned on the server and forgotten. */
    abandon(t) {
        const r = t.remembered;
        this.drop(t);
        abandonRemembered(r).catch(() => { /* the server expires it */ });
    }

    drop(t) {
        t.el.remove();
        this.items = this.items.filter((x) => x !== t);
        this.refreshCount();
    }

    /** The seed's /upload: one request, stored into root, then moved into its folder. */
    uploadWhole(t) {
        return new Promise((resolve) => {
            if (t.cancelled) {
                resolve();
                return;
            }
            const s = this.getSession();
            if (!s) {
                this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
                resolve();
                return;
            }
            // Standard multipart/form-data: the fields first, the file part ("file") last.
            const form = new FormData();
            form.append('user', s.user);
            form.append('token', s.token);
            form.append('md5', t.md5);
            form.append('size', String(t.size));
            form.append('file', t.file, t.name);

            const xhr = new XMLHttpRequest();
            t.xhr = xhr;
            const started = performance.now();
            const rate = new Rate();
            this.setState(t, 'uploading', progressDetail(0, t.size, 0));

            xhr.upload.onprogress = (ev) => {
                const frac = ev.lengthComputable && ev.total ? Math.min(1, ev.loaded / ev.total) : 0;
                const sent = Math.round(frac * t.size);
                t.progressEl.value = frac * 100;
                t.detailEl.textContent = progressDetail(sent, t.size, rate.update(sent));
            };
            xhr.upload.onload = () => {
                if (t.state !== 'uploading') return;
                const secs = (performance.now() - started) / 1000;
                t.progressEl.value = 100;
                t.detailEl.textContent = `${formatSize(t.size)} sent · average ${formatSpeed(t.size / Math.max(secs, 0.001))}` +
                    ' · the server is checking and storing it…';
            };
            xhr.onload = () => {
                const secs = (performance.now() - started) / 1000;
                let ans = null;
                try {
                    ans = JSON.parse(xhr.responseText);
                } catch (e) { /* handled below */ }
                const code = ans && ans.code;
                if (xhr.status !== 200) {
                    const tooBig = xhr.status === 413 ? ' The file is larger than the server accepts.' : '';
                    this.finish(t, 'failed', `The server answered HTTP ${xhr.status}.${tooBig}`, 'failed',
                        `"${t.name}": upload failed (HTTP ${xhr.status}).${tooBig}`, 'error');
                } else if (code === '008') {
                    this.stored(t, 'done', `${formatSize(t.size)} uploaded in ${formatDuration(secs) || '0s'} · ` +
                        `average ${formatSpeed(t.size / Math.max(secs, 0.001))}`, 'stored',
                        `"${t.name}" ${message('upload', code)}`).then(resolve);
                    return;
                } else if (code === '111') {
                    this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
                    sessionExpired();
                } else if (code === '009') {
                    this.finish(t, 'failed', 'Not enough space left in your quota, or the server rejected the file (size or MD5 mismatch, or a storage error).',
                        'failed', `"${t.name}": ${message('upload', code)}`, 'error');
                } else {
                    this.finish(t, 'failed', `Unexpected answer from the server (code ${code ?? 'none'}).`, 'failed',
                        `"${t.name}": upload ${message('upload', code)}`, 'error');
                }
                resolve();
            };
            xhr.onerror = () => {
                const e = new NetworkError();
                this.finish(t, 'failed', e.message, 'network', `"${t.name}": upload interrupted. ${e.message}`, 'error');
                resolve();
            };
            xhr.onabort = () => {
                this.finish(t, 'cancelled', 'Upload cancelled.', 'cancelled', `"${t.name}": upload cancelled.`, 'info');
                resolve();
            };
            xhr.open('POST', 'upload');
            for (const [name, value] of Object.entries(DIALECT_HEADER)) xhr.setRequestHeader(name, value);
            xhr.send(form);
        });
    }
}
