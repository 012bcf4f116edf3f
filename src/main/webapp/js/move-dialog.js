// "Move to…": a modal folder picker that browses the user's folders one level at a time.

import { drive } from './v2.js';
import { h } from './util.js';
import { crumbButtons, stepsTo } from './paths.js';
import { openModal } from './dialogs.js';
import { reportError } from './status.js';

const $ = (id) => document.getElementById(id);
const FOLDERS_PER_LEVEL = 1000; // API.md's largest page; folders come first with sort=name

/**
 * Asks where to move `what` (a description such as "“a.txt”"), starting in folder `start`; folders whose id is in
 * `moving` cannot be entered (a folder cannot go into itself). Resolves {id, name} of the chosen folder, or null.
 */
export async function pickFolder(what, start, moving) {
    let here = null;

    async function browse(folderId) {
        try {
            const [node, page] = await Promise.all([drive.node(folderId),
                drive.children(folderId, { sort: 'name', limit: FOLDERS_PER_LEVEL })]);
            here = node;
            const steps = stepsTo(node);
            $('move-crumbs').replaceChildren(...crumbButtons(steps, 'move-crumb', browse));
            const folders = page.items.filter((n) => n.kind === 'folder');
            $('move-folders').replaceChildren(...folders.map((f) => h('li', null, h('button', {
                type: 'button', class: 'picker-folder', dataset: { id: f.id, name: f.name },
                disabled: moving.has(f.id), onclick: () => browse(f.id),
            }, '📁 ', f.name))));
            $('move-none').hidden = folders.length > 0;
            $('move-ok').textContent = `Move to “${steps[steps.length - 1].name}”`;
            $('move-ok').disabled = moving.has(node.id);
            // The button that was clicked is gone: keep the keyboard in the dialog, on where we are now.
            if (!$('move-dialog').contains(document.activeElement)) $('move-crumbs').lastChild.firstChild.focus();
        } catch (e) {
            reportError(e, 'Could not open the folder');
        }
    }

    $('move-what').textContent = `Choose the folder for ${what}.`;
    const opened = openModal($('move-dialog'), $('move-cancel'));
    await browse(start);
    return (await opened) === 'ok' && here ? { id: here.id, name: stepsTo(here).pop().name } : null;
}
