// Client of the drive API v2 (shared API.md): Bearer token from the session, JSON in and out, RFC 9457 problem
// answers turned into human messages, 401 back to the login screen.

import { NetworkError, sessionExpired } from './api.js';
import { session } from './session.js';

const BASE = 'api/v2/';

// What each problem code means for the person in front of the page.
const PROBLEM_MESSAGES = {
    invalid: 'The server did not accept this request.',
    forbidden: 'You are not allowed to do that.',
    not_found: 'It is no longer there (deleted or moved elsewhere?).',
    name_conflict: 'That name is already taken in this folder.',
    cycle: 'A folder cannot be moved into itself or one of its subfolders.',
    quota_exceeded: 'Not enough space left in your quota.',
    too_many_requests: 'Too many attempts, please wait a minute.',
    password_required: 'This link needs its password.',
    gone: 'This link no longer works.',
    unavailable: 'The server is busy or a service it needs is down. Please try again in a moment.',
};

/** The message for people of a problem answer: its code's, else its detail, else the HTTP status. */
export function problemMessage(status, problem) {
    return PROBLEM_MESSAGES[problem && problem.code] || (problem && problem.detail) ||
        `The server answered HTTP ${status}.`;
}

/** A problem answer: `status` and `code` as the server sent them, `message` for people. */
export class ProblemError extends Error {
    constructor(status, problem) {
        const code = problem && problem.code;
        super(problemMessage(status, problem));
        this.name = 'ProblemError';
        this.status = status;
        this.code = code || null;
        this.detail = (problem && problem.detail) || '';
        this.problem = problem || {};
    }
}

/** The ProblemError of a failed answer (its problem document if it has one). */
export async function problemOf(res) {
    let problem = null;
    try {
        problem = await res.json();
    } catch (e) { /* not a problem document: the status says it */ }
    return new ProblemError(res.status, problem);
}

/** fetch that turns a failed connection into a NetworkError (aborts stay aborts). */
export async function fetchOrFail(url, init) {
    try {
        return await fetch(url, init);
    } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new NetworkError(e);
    }
}

/** The request's Authorization header; no session means the login screen. */
export function authorization() {
    const s = session.get();
    if (!s) throw sessionExpired();
    return { Authorization: `Bearer ${s.token}` };
}

/**
 * Sends a request and returns the raw Response of a 2xx answer; anything else throws. `headers` are added
 * (e.g. Range); `cache` is fetch's cache mode (no-store unless said: thumbnails revalidate by ETag).
 */
export async function send(method, path, { body, signal, headers: extra, cache = 'no-store' } = {}) {
    const headers = { ...extra, ...authorization() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetchOrFail(BASE + path, {
        method, headers, signal, cache, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.ok) return res;
    if (res.status === 401) throw sessionExpired();
    throw await problemOf(res);
}

/** A JSON request: the parsed answer, or null for 204. */
export async function call(method, path, body) {
    const res = await send(method, path, { body });
    return res.status === 204 ? null : res.json();
}

/** Query string of the defined values: query({q: 'a', offset: 0}) -> "?q=a&offset=0". */
export function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
        if (v !== undefined && v !== null) q.set(k, String(v));
    }
    const s = q.toString();
    return s ? `?${s}` : '';
}

const id = encodeURIComponent;

// The calls the views make, named as API.md lists them.
export const drive = {
    me: () => call('GET', 'me'),
    node: (nodeId) => call('GET', `nodes/${id(nodeId)}`),
    children: (folderId, params) => call('GET', `nodes/${id(folderId)}/children${query(params)}`),
    createFolder: (parentId, name) => call('POST', `nodes/${id(parentId)}/children`, { name, kind: 'folder' }),
    update: (nodeId, changes) => call('PATCH', `nodes/${id(nodeId)}`, changes),
    remove: (nodeId) => call('DELETE', `nodes/${id(nodeId)}`),
    content: (nodeId, signal) => send('GET', `nodes/${id(nodeId)}/content`, { signal }),
    /** The first bytes of a file up to `last` (inclusive): a Range request. */
    contentStart: (nodeId, last, signal) => send('GET', `nodes/${id(nodeId)}/content`,
        { signal, headers: { Range: `bytes=0-${last}` } }),
    thumbnail: (nodeId, size, signal) => send('GET', `nodes/${id(nodeId)}/thumbnail${query({ size })}`,
        { signal, cache: 'default' }),
    search: (params) => call('GET', `search${query(params)}`),
    trash: (params) => call('GET', `trash${query(params)}`),
    restore: (nodeId) => call('POST', `trash/${id(nodeId)}/restore`),
    purge: (nodeId) => call('DELETE', `trash/${id(nodeId)}`),
    emptyTrash: () => call('DELETE', 'trash'),
    adminUsers: (params) => call('GET', `admin/users${query(params)}`),
    adminUpdateUser: (user, changes) => call('PATCH', `admin/users/${id(user)}`, changes),
    adminStats: () => call('GET', 'admin/stats'),
    links: (params) => call('GET', `links${query(params)}`),
    createLink: (spec) => call('POST', 'links', spec),
    revokeLink: (linkId) => call('DELETE', `links/${id(linkId)}`),
};
