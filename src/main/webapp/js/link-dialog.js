// "Share link…": the dialog that creates a share link to a file or folder (POST /api/v2/links) with an optional
// password, expiry and download limit, then shows the link with a copy button.
//
// Hooks: <dialog id="link-dialog"> #link-what, #link-password, #link-expiry (""|1|7|30|date) #link-expiry-date,
// #link-max, #link-error, #link-create, #link-cancel; once created #link-result with #link-url and #link-copy.

import { drive, ProblemError } from './v2.js';
import { openModal } from './dialogs.js';
import { copyText } from './clipboard.js';
import { notify } from './status.js';
import { charCount } from './util.js';

const $ = (id) => document.getElementById(id);
const DAY = 24 * 3600 * 1000;
export const MAX_LINK_PASSWORD = 256; // the server refuses longer ones

/** ISO-8601 UTC without milliseconds, as API.md writes times. */
export function isoUtc(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The request's body from the form, or a message saying what is wrong. */
function readForm() {
    const spec = {};
    const password = $('link-password').value;
    if (password) {
        if (charCount(password) > MAX_LINK_PASSWORD) return `The password may have at most ${MAX_LINK_PASSWORD} characters.`;
        spec.password = password;
    }
    const expiry = $('link-expiry').value;
    if (expiry === 'date') {
        const day = $('link-expiry-date').valueAsDate; // midnight UTC of the day picked
        if (!day) return 'Pick the day the link expires.';
        const end = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 23, 59, 59); // its local end
        if (end.getTime() <= Date.now()) return 'The expiry date must be in the future.';
        spec.expires = isoUtc(end);
    } else if (expiry) {
        spec.expires = isoUtc(new Date(Date.now() + Number(expiry) * DAY));
    }
    const max = $('link-max').value.trim();
    if (max) {
        if (!/^\d+$/.test(max) || Number(max) < 1 || !Number.isSafeInteger(Number(max))) {
            return 'The download limit is a whole number of at least 1 (or empty: no limit).';
        }
        spec.max_downloads = Number(max);
    }
    return spec;
}

function showError(text) {
    $('link-error').textContent = text;
    $('link-error').hidden = !text;
}

function reset(node) {
    $('link-what').textContent = `${node.kind === 'folder' ? 'Folder' : 'File'} “${node.name}”: anyone with the link can ` +
        `${node.kind === 'folder' ? 'browse and download what it holds' : 'download it'}.`;
    $('link-password').value = '';
    $('link-expiry').value = '7';
    $('link-expiry-date').value = '';
    $('link-expiry-date').hidden = true;
    $('link-max').value = '';
    showError('');
    $('link-options').hidden = false;
    $('link-result').hidden = true;
    $('link-create').hidden = false;
    $('link-cancel').textContent = 'Cancel';
}

let node = null;
let onCreated = () => {};

async function create() {
    const spec = readForm();
    if (typeof spec === 'string') {
        showError(spec);
        return;
    }
    const btn = $('link-create');
    if (btn.disabled) return;
    btn.disabled = true;
    try {
        const link = await drive.createLink({ node: node.id, ...spec });
        $('link-options').hidden = true;
        $('link-create').hidden = true;
        $('link-result').hidden = false;
        $('link-url').value = link.url;
        $('link-cancel').textContent = 'Done';
        $('link-copy').focus();
        notify(`A link to “${node.name}” was created.`, 'ok');
        onCreated(link);
    } catch (e) {
        // The server's own words when it refuses the options (an operator's rules: password required, longest expiry).
        showError(e instanceof ProblemError && e.code === 'invalid' && e.detail ? e.detail : e.message);
    } finally {
        btn.disabled = false;
    }
}

let wired = false;

function wire() {
    wired = true;
    $('link-create').addEventListener('click', create);
    $('link-options').addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && ev.target.matches('input')) { // not the form's first button (Cancel)
            ev.preventDefault();
            create();
        }
    });
    $('link-expiry').addEventListener('change', (ev) => {
        $('link-expiry-date').hidden = ev.target.value !== 'date';
        if (ev.target.value === 'date') $('link-expiry-date').focus();
    });
    $('link-copy').addEventListener('click', () => copyText($('link-url').value, $('link-url')));
}

/** Opens the dialog for `target` ({id, name, kind}); `created(link)` is called once a link was made. */
export function openLinkDialog(target, created = () => {}) {
    if (!wired) wire();
    node = target;
    onCreated = created;
    reset(target);
    return openModal($('link-dialog'), $('link-password'));
}
