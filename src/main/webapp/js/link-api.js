// Client of a share link's public API (shared API.md, "Share links"): no login. A password link's `access` token
// (short-lived, bound to this link) is kept for the tab in sessionStorage and sent as `?access=` on every request,
// also in the URLs <img>, <video> and downloads use, which is why the server makes it short-lived.

import { query, problemOf, fetchOrFail } from './v2.js';
import { save } from './downloads.js';
import { ObjectUrls, textOf, BLOB_PREVIEW_LIMIT } from './node-media.js';
import { previewKind } from './preview.js';

const BASE = 'api/v2/public/links/';
const enc = encodeURIComponent;

/** The public API of link `id`. */
export function publicLink(id) {
    const key = `clouddisk.access.${id}`;
    let access = sessionStorage.getItem(key);
    const base = BASE + enc(id);
    const withAccess = (params = {}) => query({ ...params, access });
    const nodePath = (node) => (node ? `/nodes/${enc(node)}` : '');

    async function call(method, path, body) {
        const res = await fetchOrFail(base + path, {
            method, cache: 'no-store', credentials: 'omit',
            headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!res.ok) throw await problemOf(res);
        return res.status === 204 ? null : res.json();
    }

    return {
        id,
        /** {name, kind, size, expires, has_password}. */
        info: () => call('GET', withAccess()),
        /** Trades the password for an access token. */
        async unlock(password) {
            const answer = await call('POST', '/unlock', { password });
            access = answer.access;
            sessionStorage.setItem(key, access);
        },
        /** Forgets a token the server no longer takes. */
        forget() {
            access = null;
            sessionStorage.removeItem(key);
        },
        /** A page of a folder of a folder link (`folder` null: the shared folder itself). */
        children: (folder, offset, limit) => call('GET', `/children${withAccess({ folder, offset, limit })}`),
        /** The bytes of the linked file (`node` null) or of a file inside the linked folder. */
        contentUrl: (node) => `${base}${nodePath(node)}/content${withAccess()}`,
        thumbnailUrl: (node, size) => `${base}${nodePath(node)}/thumbnail${withAccess({ size })}`,
        /** The first bytes of a file, by a Range request. */
        async contentStart(node, last) {
            const res = await fetchOrFail(this.contentUrl(node), { cache: 'no-store', credentials: 'omit',
                headers: { Range: `bytes=0-${last}` } });
            if (!res.ok) throw await problemOf(res);
            return res;
        },
    };
}

/**
 * The preview source (see preview.js) of a link's files; items are {id (null: the linked file), name, size}. The
 * link's URLs stream with Range, so videos seek without the browser holding them; only a PDF is fetched whole (its
 * answer says "attachment", which a frame would download instead of showing).
 */
export function linkSource(link) {
    const urls = new ObjectUrls();
    return {
        image: async (item) => link.thumbnailUrl(item.id, 1024),
        async original(item) {
            if (previewKind(item) !== 'pdf') return link.contentUrl(item.id);
            if (item.size > BLOB_PREVIEW_LIMIT) return null;
            return urls.of(fetchOrFail(link.contentUrl(item.id), { credentials: 'omit' }).then(async (res) => {
                if (!res.ok) throw await problemOf(res);
                return res;
            }));
        },
        async text(item, bytes) {
            if (!item.size) return '';
            return textOf(await link.contentStart(item.id, Math.min(bytes, item.size) - 1));
        },
        download: (item) => save(link.contentUrl(item.id), item.name),
        release: () => urls.revokeAll(),
    };
}
