// Instant upload with proof of possession (API.md): when the server already holds content of this MD5 and size, it
// names random byte ranges of it; the browser proves it has the file by an HMAC-SHA256 (WebCrypto) over those
// ranges, read with File.slice, keyed with the challenge's nonce. Nothing else of the file is read or sent.

import { send, ProblemError } from './v2.js';

/** The server always wants smaller files uploaded (API.md). */
export const INSTANT_MIN_SIZE = 1024 * 1024;

/** WebCrypto exists only in secure contexts (https, or http on localhost): elsewhere every file is uploaded. */
export function canProve() {
    return Boolean(globalThis.isSecureContext && globalThis.crypto && globalThis.crypto.subtle);
}

function bytesOfHex(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
}

function hexOf(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The proof of a challenge {nonce, ranges: [[offset, length], ...]}: lowercase hex of the HMAC. */
export async function proofOf(file, { nonce, ranges }) {
    const key = await crypto.subtle.importKey('raw', bytesOfHex(nonce), { name: 'HMAC', hash: 'SHA-256' }, false,
        ['sign']);
    const parts = [];
    for (const [offset, length] of ranges) {
        parts.push(new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()));
    }
    const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        message.set(p, at);
        at += p.length;
    }
    return hexOf(new Uint8Array(await crypto.subtle.sign('HMAC', key, message)));
}

const isProblem = (e, ...codes) => e instanceof ProblemError && codes.includes(e.code);

/**
 * Tries to add the file without uploading it: answers the new node, or null when it must be uploaded (small file,
 * content unknown to the server, no WebCrypto, or a proof that failed because the file changed). Other problems
 * (folder gone, quota, session) are thrown.
 */
export async function instantUpload(file, { folder, name, md5, signal }) {
    if (file.size < INSTANT_MIN_SIZE || !canProve()) return null;
    let challenge;
    try {
        challenge = await (await send('POST', 'instant',
            { body: { parent: folder, name, md5, size: file.size }, signal })).json();
    } catch (e) {
        if (isProblem(e, 'unknown_content')) return null;
        throw e;
    }
    const proof = await proofOf(file, challenge);
    try {
        return await (await send('POST', `instant/${encodeURIComponent(challenge.challenge)}`,
            { body: { proof }, signal })).json();
    } catch (e) {
        // proof_failed: the bytes read now differ from those hashed (the file changed); not_found: the challenge
        // expired meanwhile; unknown_content: the server's copy went. Uploading settles each of them.
        if (isProblem(e, 'proof_failed', 'not_found', 'unknown_content')) return null;
        throw e;
    }
}
