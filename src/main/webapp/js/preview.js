// Previews of files in a modal <dialog>: images in a lightbox, video and audio in the browser's own player, PDF in
// the browser's own viewer, text and code (the first 1 MiB) as text. Previous / next (buttons, ← and →) walk the
// previewable files of the list it was opened from; Escape closes it (the dialog's own cancel).
//
// Where the bytes come from is the caller's `source` (the owner's drive or a share link):
//   image(item)    -> Promise<url> of a picture to show (a large thumbnail when there is one)
//   original(item) -> Promise<url|null> of the file itself for <img>/<video>/<audio>/<iframe>; null: too large
//   text(item, n)  -> Promise<string> of the first n bytes as text
//   download(item) -> starts a download
//   release()      -> frees what the previews held (object URLs), called when the dialog closes
//
// Stable hooks: #preview-dialog [data-kind=image|video|audio|pdf|text][data-name][data-state=loading|ready|failed]
// #preview-title #preview-position #preview-stage (img#preview-image, video/audio#preview-media,
// iframe#preview-pdf, pre#preview-text, #preview-note) #preview-prev #preview-next #preview-download #preview-close

import { h, fileType, typeInfo, formatSize } from './util.js';
import { reportError } from './status.js';

export const TEXT_PREVIEW_BYTES = 1024 * 1024;

const TEXT_TYPES = ['txt', 'md', 'csv', 'tsv', 'log', 'ini', 'conf', 'cfg', 'properties', 'toml', 'srt', 'tex', 'gradle'];
const KINDS = {
    image: ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'ico', 'avif'], // no SVG: the server sends it as bytes
    video: ['mp4', 'm4v', 'webm', 'ogv', 'mov'],
    audio: ['mp3', 'wav', 'ogg', 'oga', 'm4a', 'flac', 'opus', 'aac'],
    pdf: ['pdf'],
};

/** How a file can be previewed: image, video, audio, pdf, text, or null (not at all). */
export function previewKind(item) {
    if (!item || item.kind === 'folder') return null;
    const type = fileType(item);
    for (const [kind, types] of Object.entries(KINDS)) if (types.includes(type)) return kind;
    if (TEXT_TYPES.includes(type) || typeInfo(type).group === 'code') return 'text';
    return null;
}

let dialog = null;
let state = null; // {items, index, source, seq}

function el(id) {
    return document.getElementById(id);
}

function build() {
    const button = (id, text, label) => h('button', { type: 'button', id, class: 'btn', 'aria-label': label, title: label }, text);
    dialog = h('dialog', { id: 'preview-dialog', class: 'preview-dialog', 'aria-labelledby': 'preview-title' },
        h('div', { class: 'preview-head' },
            h('h2', { id: 'preview-title', class: 'preview-title' }),
            h('span', { id: 'preview-position', class: 'muted' }),
            h('div', { class: 'preview-tools' },
                button('preview-download', 'Download', 'Download this file'),
                button('preview-close', '✕', 'Close the preview'))),
        h('div', { class: 'preview-body' },
            button('preview-prev', '‹', 'Previous file'),
            h('div', { id: 'preview-stage', class: 'preview-stage', 'aria-live': 'polite' }),
            button('preview-next', '›', 'Next file')));
    document.body.append(dialog);
    el('preview-close').addEventListener('click', () => dialog.close());
    el('preview-prev').addEventListener('click', () => step(-1));
    el('preview-next').addEventListener('click', () => step(1));
    el('preview-download').addEventListener('click', () => {
        try {
            state.source.download(state.items[state.index]);
        } catch (e) {
            reportError(e);
        }
    });
    dialog.addEventListener('keydown', (ev) => {
        // The players and the text keep their own arrow keys (seeking, scrolling).
        if (ev.target.closest('video, audio, pre, iframe')) return;
        if (ev.key === 'ArrowLeft') step(-1);
        else if (ev.key === 'ArrowRight') step(1);
        else return;
        ev.preventDefault();
    });
    dialog.addEventListener('close', () => {
        el('preview-stage').replaceChildren(); // stops a playing video
        if (state) state.source.release();
        state = null;
    });
}

/**
 * Opens the preview of `items[index]`; previous and next walk the previewable ones among `items`. Focus goes back
 * to where it was once closed.
 */
export function openPreview(items, index, source) {
    if (!dialog) build();
    const previewable = items.filter((it) => previewKind(it));
    const at = Math.max(0, previewable.indexOf(items[index]));
    if (state) state.source.release();
    state = { items: previewable, index: at, source, seq: 0 };
    if (!dialog.open) {
        const before = document.activeElement;
        dialog.addEventListener('close', () => {
            if (before && before.isConnected && typeof before.focus === 'function') before.focus();
        }, { once: true });
        dialog.showModal();
    }
    show();
    el('preview-close').focus();
}

function step(delta) {
    if (!state || state.items.length < 2) return;
    state.index = (state.index + delta + state.items.length) % state.items.length;
    show();
}

function setState(value) {
    dialog.dataset.state = value;
}

function note(text) {
    return h('p', { id: 'preview-note', class: 'preview-note' }, text);
}

async function show() {
    const { items, index, source } = state;
    const seq = ++state.seq;
    const current = () => state && state.seq === seq;
    const item = items[index];
    const kind = previewKind(item);
    dialog.dataset.kind = kind;
    dialog.dataset.name = item.name;
    el('preview-title').textContent = item.name;
    el('preview-position').textContent = items.length > 1 ? `${index + 1} of ${items.length} · ${formatSize(item.size)}` : formatSize(item.size);
    el('preview-prev').hidden = el('preview-next').hidden = items.length < 2;
    const stage = el('preview-stage');
    stage.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    setState('loading');
    try {
        const content = await render(kind, item, source);
        if (!current()) return;
        stage.replaceChildren(content);
        if (kind !== 'image') setState('ready'); // an image is ready once it is decoded
    } catch (e) {
        if (!current()) return;
        stage.replaceChildren(note(`This file cannot be shown here (${e && e.message ? e.message : e}). Download it instead.`));
        setState('failed');
    }
}

function tooLarge(item) {
    setState('ready');
    return note(`“${item.name}” is too large to preview here (${formatSize(item.size)}). Download it instead.`);
}

async function render(kind, item, source) {
    if (kind === 'image') return image(item, source);
    if (kind === 'text') {
        const text = await source.text(item, TEXT_PREVIEW_BYTES);
        const pre = h('pre', { id: 'preview-text', class: 'preview-text', tabindex: '0' }, text);
        if (item.size <= TEXT_PREVIEW_BYTES) return pre;
        return h('div', { class: 'preview-text-wrap' }, pre,
            note(`The first ${formatSize(TEXT_PREVIEW_BYTES)} of ${formatSize(item.size)}: download the file for the rest.`));
    }
    const url = await source.original(item);
    if (!url) return tooLarge(item);
    if (kind === 'pdf') return h('iframe', { id: 'preview-pdf', class: 'preview-pdf', src: url, title: item.name });
    const media = h(kind, { id: 'preview-media', class: `preview-${kind}`, src: url, controls: true, preload: 'metadata' });
    media.addEventListener('error', () => {
        if (dialog.dataset.name === item.name) setState('failed');
    });
    return media;
}

/** The lightbox picture: the source's image, else (no thumbnail for it) the original. */
async function image(item, source) {
    const img = h('img', { id: 'preview-image', class: 'preview-image', alt: item.name });
    const seq = state.seq;
    let triedOriginal = false;
    img.addEventListener('load', () => {
        if (state && state.seq === seq) setState('ready');
    });
    img.addEventListener('error', async () => {
        if (!state || state.seq !== seq) return;
        if (triedOriginal) {
            setState('failed');
            return;
        }
        triedOriginal = true;
        try {
            const url = await source.original(item);
            if (!state || state.seq !== seq) return;
            if (url) img.src = url;
            else img.replaceWith(tooLarge(item));
        } catch (e) {
            setState('failed');
        }
    });
    const url = await source.image(item);
    if (url) img.src = url;
    else {
        triedOriginal = true;
        const original = await source.original(item);
        if (!original) return tooLarge(item);
        img.src = original;
    }
    return img;
}
