// Client of the seed's protocol (shared PROTOCOL.md), still used for log in, registration and the public list.
// Every call is same-origin and relative to the page, so the client also works when the WAR is not at the root.

import { session } from './session.js';

/** Thrown when the server could not be reached (fetch rejected, xhr.onerror). */
export class NetworkError extends Error {
    constructor(cause) {
        super('Connection lost: the server could not be reached. Check your network and try again.');
        this.name = 'NetworkError';
        this.cause = cause;
    }
}

/** Thrown for a non-200 HTTP status or an answer that is not the expected JSON. */
export class ServerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ServerError';
    }
}

/** Thrown after code 111: the session has already been cleared by the handler. */
export class SessionExpiredError extends Error {
    constructor() {
        super('Your session expired, please log in again');
        this.name = 'SessionExpiredError';
    }
}

export const SESSION_EXPIRED_MESSAGE = 'Your session expired, please log in again';

let onSessionExpired = () => {};

/** Registers what to do on code 111 (clear the session, show the login screen). */
export function setSessionExpiredHandler(fn) {
    onSessionExpired = fn;
}

/** Called by anything (fetch or XHR) that saw code 111. */
export function sessionExpired() {
    onSessionExpired();
    return new SessionExpiredError();
}

async function parseAnswer(res) {
    if (res.status !== 200) {
        throw new ServerError(`The server answered with an error (HTTP ${res.status}). Please try again later.`);
    }
    const text = await res.text();
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new ServerError('The server sent an answer that could not be understood.');
    }
}

/**
 * The browser speaks the seed's dialect (PROTOCOL.md) even where the deployment's default is the classic
 * desktop client's; asking for the stricter dialect is open to every client.
 */
const DIALECT_HEADER = { 'X-CloudDisk-Dialect': 'seed' };

/**
 * POSTs `body` as JSON to `path` (e.g. "myfiles?cmd=count") and returns the parsed JSON.
 * Throws NetworkError, ServerError, or SessionExpiredError (after calling the handler).
 */
export async function post(path, body, { signal } = {}) {
    let res;
    try {
        res = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...DIALECT_HEADER },
            body: JSON.stringify(body ?? {}),
            credentials: 'same-origin',
            cache: 'no-store',
            signal,
        });
    } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new NetworkError(e);
    }
    const data = await parseAnswer(res);
    if (data && typeof data === 'object' && data.code === '111') {
        throw sessionExpired();
    }
    return data;
}

/** GET (used for /sharefiles?cmd=count, which answers a bare number). */
export async function get(path) {
    let res;
    try {
        res = await fetch(path, { method: 'GET', headers: DIALECT_HEADER, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
        throw new NetworkError(e);
    }
    return parseAnswer(res);
}

/** A request body naming the logged-in user: {user, token, ...fields}; no session means the login screen. */
export function asUser(fields) {
    const s = session.get();
    if (!s) throw sessionExpired();
    return { user: s.user, token: s.token, ...fields };
}

/** A list answer {"file":[...]}, or a failure {"code":"015"}. */
export function asFileList(data, what) {
    if (data && Array.isArray(data.file)) return data.file;
    const code = data && data.code ? data.code : '?';
    throw new ServerError(`Could not load ${what} (code ${code}). Please try again.`);
}

// Human messages for every outcome code, per endpoint (codes are reused with other meanings).
export const MESSAGES = {
    reg: {
        '002': 'Registration complete. You can log in now.',
        '003': 'That user name or nickname is already taken. Please choose another one.',
        '004': 'Registration failed: the server did not accept these details.',
    },
    login: {
        '000': 'Welcome back!',
        '001': 'Log in failed: unknown user name or wrong password.',
    },
    md5: {
        '004': 'is already in your files (same content, same name). Nothing to upload.',
        '005': 'instant upload: the server already had this content, it was added to your files without sending it.',
        '006': 'is new to the server, uploading it…',
    },
    share: {
        '010': 'is now shared in the public files.',
        '011': 'could not be shared.',
        '012': 'is already in the public files.',
    },
    pv: {
        '016': 'download counted.',
        '017': 'the download could not be counted.',
    },
    cancel: {
        '018': 'is no longer shared.',
        '019': 'could not be unshared (only the person who shared it can do that).',
    },
    save: {
        '020': 'was saved to your files.',
        '021': 'is already in your files.',
        '022': 'could not be saved to your files (is your quota full?).',
    },
};

/** The message for `code` of endpoint `kind`, or a generic one naming the code. */
export function message(kind, code) {
    const table = MESSAGES[kind] || {};
    return table[code] || `failed with an unexpected answer (code ${code ?? 'none'}).`;
}
