// A transfer's MD5, computed off the page's thread by md5-worker.js, one chunk at a time.

import { formatSize, formatSpeed } from './util.js';

const WORKER_URL = new URL('./md5-worker.js', import.meta.url);
const CHUNK_SIZE = 4 * 1024 * 1024;

/**
 * The MD5 of the transfer's file, computed in a Web Worker with its progress on the row. While it runs `t.worker` and
 * `t.rejectHash` let the list cancel it.
 */
export function hashFile(t) {
    return new Promise((resolve, reject) => {
        let worker;
        try {
            worker = new Worker(WORKER_URL);
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
