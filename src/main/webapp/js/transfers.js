// Transfer list (uploads and downloads), like a desktop client's transfer panel.
//
// Upload of one file: MD5 in a Web Worker (state "hashing") -> POST /md5 -> 005 "instant",
// 004 "done" (already yours, outcome "exists"), 006 real multipart upload ("uploading") ->
// 008 "done" / 009 "failed". Cancel at any step -> "cancelled". Waiting for a free slot: "queued".
// The seed's protocol stores files in root: a file meant for another folder is then moved there ("placing";
// outcome "misplaced" when that fails and it stays in root).
// Each row: <li data-id data-kind=upload|download data-name data-state data-outcome>.

import { post, sessionExpired, message, NetworkError, SessionExpiredError, SESSION_EXPIRED_MESSAGE, DIALECT_HEADER } from './api.js';
import { h, formatSize, formatSpeed, formatDuration } from './util.js';

const CHUNK_SIZE = 4 * 1024 * 1024;
const MAX_HASHING = 1;      // hashing is CPU and disk bound: one file at a time
const MAX_UPLOADING = 2;    // keep connections free for the API calls (browsers allow ~6 per host)

const ACTIVE_STATES = new Set(['queued', 'hashing', 'uploading', 'placing']);
const ROOT = 'root';

const STATE_LABELS = {
    queued: 'Waiting',
    hashing: 'Computing MD5',
    uploading: 'Uploading',
    placing: 'Moving into its folder',
    done: 'Done',
    instant: 'Instant upload',
    failed: 'Failed',
    cancelled: 'Cancelled',
};

let seq = 0;

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
        t.el = h('li', { class: 'transfer', dataset: { id: t.id, kind: t.kind, name: t.name } },
            h('div', { class: 'transfer-head' },
                h('span', { class: 'transfer-kind', 'aria-hidden': 'true' }, t.kind === 'upload' ? '↑' : '↓'),
                h('span', { class: 'transfer-name', title: t.name }, t.name),
                t.stateEl),
            t.progressEl,
            h('div', { class: 'transfer-foot' }, t.detailEl, t.cancelBtn));
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
        t.cancelBtn.hidden = !active || state === 'placing'; // the file is stored: nothing left to cancel
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
        if (!ACTIVE_STATES.has(t.state)) return;
        t.cancelled = true;
        if (t.worker) {
            t.worker.terminate();
            t.worker = null;
            if (t.rejectHash) t.rejectHash(new DOMException('cancelled', 'AbortError'));
        }
        if (t.abortController) t.abortController.abort();
        if (t.xhr) t.xhr.abort(); // onabort finishes the row
        if (t.state === 'queued' || t.state === 'hashing') {
            this.finish(t, 'cancelled', 'Cancelled before anything was sent.', 'cancelled');
        }
    }

    /** Cancels everything in progress (log out, session expired). */
    cancelAll() {
        for (const t of [...this.items]) this.cancel(t);
    }

    finish(t, state, detail, outcome, notifyText, notifyKind) {
        if (t.finished) return;
        t.finished = true;
        t.worker = null;
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
        t.stateLabel = 'Checking';
        this.setState(t, 'hashing', `MD5 ${md5} · asking the server whether it already has this content…`);

        const s = this.getSession();
        if (!s) {
            this.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
            return;
        }
        t.abortController = new AbortController();
        let ans;
        try {
            ans = await post('md5', { user: s.user, token: s.token, md5, fileName: t.name },
                { signal: t.abortController.signal });
        } catch (e) {
            this.failFromError(t, e);
            return;
        } finally {
            t.abortController = null;
        }
        if (t.cancelled) return;
        const code = ans && ans.code;
        if (code === '005') {
            await this.stored(t, 'instant', `Instant upload: the server already had this content (${formatSize(t.size)}), nothing was sent.`,
                'instant', `"${t.name}": ${message('md5', code)}`);
        } else if (code === '004') {
            this.finish(t, 'done', 'Already in your files (same content, same name): nothing to upload.', 'exists',
                `"${t.name}" ${message('md5', code)}`, 'info');
        } else if (code === '006') {
            this.setState(t, 'queued', `${formatSize(t.size)} · waiting for a free upload slot`);
            this.uploadQueue.push(t);
        } else {
            this.finish(t, 'failed', `The server did not accept the MD5 check (code ${code ?? 'none'}).`, 'failed',
                `"${t.name}": upload check ${message('md5', code)}`, 'error');
        }
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

    upload(t) {
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
            const samples = [[started, 0]];
            this.setState(t, 'uploading', `0 B of ${formatSize(t.size)} · 0 %`);

            xhr.upload.onprogress = (ev) => {
                const now = performance.now();
                const frac = ev.lengthComputable && ev.total ? Math.min(1, ev.loaded / ev.total) : 0;
                const sent = Math.round(frac * t.size);
                samples.push([now, sent]);
                while (samples.length > 2 && now - samples[0][0] > 3000) samples.shift();
                const [t0, b0] = samples[0];
                const speed = now > t0 ? ((sent - b0) * 1000) / (now - t0) : 0;
                const left = speed > 0 ? (t.size - sent) / speed : NaN;
                t.progressEl.value = frac * 100;
                t.detailEl.textContent = `${formatSize(sent)} of ${formatSize(t.size)} · ${(frac * 100).toFixed(1)} % · ` +
                    `${formatSpeed(speed)}` + (frac < 1 && Number.isFinite(left) ? ` · ${formatDuration(left)} left` : '');
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
