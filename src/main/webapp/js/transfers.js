// Transfer list (uploads and downloads), like a desktop client's transfer panel.
//
// Upload of one file: MD5 in a Web Worker (state "hashing") -> for files of 1 MiB and more, instant upload with
// proof of possession (instant.js: the server names random ranges, the page answers their HMAC) -> "instant"; else
// a resumable tus upload into the folder (resumable.js, "uploading"), which the person may pause and resume
// ("paused"), retried automatically with growing delays; when the connection is lost it waits as "paused" and
// continues by itself; continued after a reload when the same file is chosen again -> "done" / "failed". Cancel at
// any step -> "cancelled" (a tus upload is abandoned on the server). Waiting for a free slot: "queued". Uploads the
// browser remembers from before a reload (and the server still holds) show as "interrupted" until their file is
// chosen again.
// Each row: <li data-id data-kind=upload|download data-name data-state data-outcome>, data-resumed-from (the
// offset the server reported when the upload last continued, after a pause or a reload).
// This module is the list: its queues, slots and states. A row's elements: transfer-row.js; the MD5:
// transfer-md5.js; the upload itself: transfer-tus.js.

import { NetworkError, SessionExpiredError, SESSION_EXPIRED_MESSAGE } from './api.js';
import { formatSize } from './util.js';
import { instantUpload, INSTANT_MIN_SIZE, canProve } from './instant.js';
import { rememberedUploads, abandonRemembered, forgetUpload } from './resumable.js';
import { ACTIVE_STATES, RUNNING_STATES, buildRow, showState } from './transfer-row.js';
import { hashFile } from './transfer-md5.js';
import { uploadResumable } from './transfer-tus.js';

const MAX_HASHING = 1;      // hashing is CPU and disk bound: one file at a time
const MAX_UPLOADING = 2;    // keep connections free for the API calls (browsers allow ~6 per host)

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
     */
    constructor({ listEl, countEl, emptyEl, getSession, notify, onStored }) {
        this.listEl = listEl;
        this.countEl = countEl;
        this.emptyEl = emptyEl;
        this.getSession = getSession;
        this.notify = notify;
        this.onStored = onStored;
        this.items = [];
        this.hashQueue = [];
        this.uploadQueue = [];
        this.hashing = 0;
        this.uploading = 0;
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
        buildRow(t, this.listEl, {
            onCancel: (x) => this.cancel(x),
            onPause: (x) => this.pause(x),
            onResume: (x) => this.resume(x),
        });
        this.items.push(t);
    }

    setState(t, state, detail, outcome) {
        showState(t, state, detail, outcome);
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
            uploadResumable(this, t).finally(() => {
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
        if (t.tus) {
            const upload = t.tus;
            // abandoned on the server too (DELETE frees its bytes), and forgotten by the browser; when the DELETE
            // fails the server expires the upload, and the browser forgets it all the same
            upload.abort(true).catch(() => forgetUpload(upload));
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
        this.stopWaiting(t);
        t.tus.abort(false).catch(() => { /* nothing was running */ });
        this.setState(t, 'paused', `Paused at ${formatSize(t.sent || 0)} of ${formatSize(t.size)} · Resume continues from there`);
        this.releaseSlot(t);
    }

    resume(t) {
        if (t.state !== 'paused' || !t.tus) return;
        this.stopWaiting(t);
        this.setState(t, 'queued', `${formatSize(t.sent || 0)} of ${formatSize(t.size)} · waiting for a free upload slot`);
        this.uploadQueue.push(t);
        this.pump();
    }

    /** Ends the wait for the network of an upload paused by a lost connection (transfer-tus.js). */
    stopWaiting(t) {
        if (t.waiting) t.waiting.cancel();
        t.waiting = null;
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
        this.stopWaiting(t);
        this.releaseSlot(t);
        t.abortController = null;
        t.file = null; // let the File go
        this.setState(t, state, detail, outcome);
        if (notifyText) this.notify(notifyText, notifyKind);
    }

    async hashAndCheck(t) {
        if (t.cancelled) return;
        this.setState(t, 'hashing', `MD5 0 B of ${formatSize(t.size)} · 0 %`);
        let md5;
        try {
            md5 = await hashFile(t);
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

    /** Rows for the user's unfinished uploads the browser remembers (from before a reload) and the server holds. */
    async showRemembered(user) {
        let remembered;
        try {
            remembered = await rememberedUploads(user);
        } catch (e) {
            return;
        }
        if (this.getSession()?.user !== user) return; // logged out while the server was asked
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
}
