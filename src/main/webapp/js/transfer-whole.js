// One transfer through the seed's /upload (a server without /api/v2/uploads): a standard multipart request that
// stores the file into root; the list then moves it into its folder ("placing").

import { sessionExpired, message, NetworkError, SESSION_EXPIRED_MESSAGE, DIALECT_HEADER } from './api.js';
import { formatSize, formatSpeed, formatDuration } from './util.js';
import { Rate, progressDetail } from './transfer-row.js';

/** The seed's /upload: one request, stored into root, then moved into its folder. */
export function uploadWhole(list, t) {
    return new Promise((resolve) => {
        if (t.cancelled) {
            resolve();
            return;
        }
        const s = list.getSession();
        if (!s) {
            list.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
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
        list.setState(t, 'uploading', progressDetail(0, t.size, 0));

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
                list.finish(t, 'failed', `The server answered HTTP ${xhr.status}.${tooBig}`, 'failed',
                    `"${t.name}": upload failed (HTTP ${xhr.status}).${tooBig}`, 'error');
            } else if (code === '008') {
                list.stored(t, 'done', `${formatSize(t.size)} uploaded in ${formatDuration(secs) || '0s'} · ` +
                    `average ${formatSpeed(t.size / Math.max(secs, 0.001))}`, 'stored',
                    `"${t.name}" ${message('upload', code)}`).then(resolve);
                return;
            } else if (code === '111') {
                list.finish(t, 'failed', SESSION_EXPIRED_MESSAGE, 'expired');
                sessionExpired();
            } else if (code === '009') {
                list.finish(t, 'failed', 'Not enough space left in your quota, or the server rejected the file (size or MD5 mismatch, or a storage error).',
                    'failed', `"${t.name}": ${message('upload', code)}`, 'error');
            } else {
                list.finish(t, 'failed', `Unexpected answer from the server (code ${code ?? 'none'}).`, 'failed',
                    `"${t.name}": upload ${message('upload', code)}`, 'error');
            }
            resolve();
        };
        xhr.onerror = () => {
            const e = new NetworkError();
            list.finish(t, 'failed', e.message, 'network', `"${t.name}": upload interrupted. ${e.message}`, 'error');
            resolve();
        };
        xhr.onabort = () => {
            list.finish(t, 'cancelled', 'Upload cancelled.', 'cancelled', `"${t.name}": upload cancelled.`, 'info');
            resolve();
        };
        xhr.open('POST', 'upload');
        for (const [name, value] of Object.entries(DIALECT_HEADER)) xhr.setRequestHeader(name, value);
        xhr.send(form);
    });
}
