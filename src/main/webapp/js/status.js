// The latest message in #status (role=status): the last outcome, error or hint. Tests read its text.

import { SessionExpiredError } from './api.js';

const el = () => document.getElementById('status');
let seq = 0;

/** Shows `text`; kind: info | ok | error. */
export function notify(text, kind = 'info') {
    const status = el();
    status.textContent = text;
    status.dataset.kind = kind;
    status.dataset.seq = String(++seq);
    status.classList.remove('flash');
    void status.offsetWidth; // restarts the highlight animation
    status.classList.add('flash');
}

/** The current message (to avoid repeating it). */
export function currentMessage() {
    return el().textContent;
}

/** Shows an error as a human message; session expiry and aborts were already handled where they happened. */
export function reportError(e, prefix) {
    if (e instanceof SessionExpiredError || (e && e.name === 'AbortError')) return;
    const text = e && e.message ? e.message : String(e);
    notify(prefix ? `${prefix}: ${text}` : text, 'error');
}

/** Runs `fn` with `btn` disabled, so a double click sends one request; errors become messages. */
export async function busy(btn, fn) {
    if (btn.disabled) return;
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    try {
        await fn();
    } catch (e) {
        reportError(e);
    } finally {
        btn.disabled = false;
        btn.removeAttribute('aria-busy');
    }
}
