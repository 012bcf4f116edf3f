// Copying a link to the clipboard, with the selected text as the fallback where the Clipboard API is not allowed
// (plain HTTP on another host than localhost).

import { notify } from './status.js';

/** Copies `text`; `input` (showing it) gets it selected when the clipboard cannot be written. */
export async function copyText(text, input) {
    try {
        await navigator.clipboard.writeText(text);
        notify('The link was copied to the clipboard.', 'ok');
        return;
    } catch (e) { /* not allowed here: select it instead */ }
    if (input) {
        input.focus();
        input.select();
        if (document.execCommand && document.execCommand('copy')) {
            notify('The link was copied to the clipboard.', 'ok');
            return;
        }
    }
    notify(`Copy this link: ${text}`, 'info');
}
