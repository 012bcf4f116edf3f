// The page's modal dialogs (<dialog>, so Escape closes them and focus stays inside): confirm and properties.

import { h } from './util.js';

const $ = (id) => document.getElementById(id);

export function closeDialogs() {
    for (const d of document.querySelectorAll('dialog[open]')) d.close('cancel');
}

/**
 * Opens `dlg` modally with focus on `focusEl`; resolves with its returnValue once closed, focus back where it
 * was.
 */
export function openModal(dlg, focusEl) {
    if (dlg.open) dlg.close('cancel');
    const before = document.activeElement;
    dlg.returnValue = '';
    return new Promise((resolve) => {
        dlg.addEventListener('close', () => {
            resolve(dlg.returnValue);
            if (before && before.isConnected && typeof before.focus === 'function') before.focus();
        }, { once: true });
        dlg.showModal();
        focusEl.focus();
    });
}

/** A confirmation; resolves true for OK. Cancel has the focus, so Enter never destroys by accident. */
export async function confirmDialog(text, { title = 'Are you sure?', ok = 'OK', danger = true } = {}) {
    $('confirm-title').textContent = title;
    $('confirm-message').textContent = text;
    $('confirm-ok').textContent = ok;
    $('confirm-ok').className = `btn ${danger ? 'btn-danger' : 'btn-primary'}`;
    return (await openModal($('confirm-dialog'), $('confirm-cancel'))) === 'ok';
}

/**
 * Shows properties: rows of [key, label, value], value a string or a Node. Each value is a
 * dd[data-prop=key] (tests read them).
 */
export function showProperties(title, rows) {
    $('props-title').textContent = title;
    $('props-list').replaceChildren(...rows.map(([key, label, value]) =>
        h('div', { class: 'prop' }, h('dt', null, label), h('dd', { dataset: { prop: key } }, value ?? '—'))));
    openModal($('props-dialog'), $('props-close'));
}
