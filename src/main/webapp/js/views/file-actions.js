// What My files does to nodes: move, delete, rename, create a folder, share to the public list. Each asks the
// person what it needs and tells them what happened; the view (files.js) then reloads the folder and keeps the
// selection and the focus where they belong.

import { post, asUser, message, SessionExpiredError } from '../api.js';
import { drive } from '../v2.js';
import { notify } from '../status.js';
import { confirmDialog } from '../dialogs.js';
import { pickFolder } from '../move-dialog.js';
import { editName } from '../inline-name.js';
import { isFolder } from './file-rows.js';
import { h } from '../util.js';

const $ = (id) => document.getElementById(id);

/** “name” for one node, "n items" for more. */
function describe(nodes) {
    return nodes.length === 1 ? `“${nodes[0].name}”` : `${nodes.length} items`;
}

/** Runs `op` on each node in turn; answers the failures as "“name”: why" (a lost session ends it all). */
async function eachNode(nodes, op) {
    const failures = [];
    for (const node of nodes) {
        try {
            await op(node);
        } catch (e) {
            if (e instanceof SessionExpiredError) throw e;
            failures.push(`“${node.name}”: ${e.message}`);
        }
    }
    return failures;
}

/** Moves `nodes` into `target` ({id, name}); reports what could not move and why. */
export async function moveNodes(nodes, target) {
    const failures = await eachNode(nodes, (node) => drive.update(node.id, { parent: target.id }));
    if (failures.length) notify(`Not moved to “${target.name}”. ${failures.join(' ')}`, 'error');
    else notify(`Moved ${describe(nodes)} to “${target.name}”.`, 'ok');
}

/** Asks where `nodes` (now in folder `from`) go, never into themselves; the folder chosen, or null. */
export function askTarget(nodes, from) {
    return pickFolder(describe(nodes), from, new Set(nodes.filter(isFolder).map((n) => n.id)));
}

/** Moves `nodes` to the trash once the person confirmed; whether they did. */
export async function trashNodes(nodes) {
    const what = describe(nodes);
    const ok = await confirmDialog(`Move ${what} to the trash? You can restore ${nodes.length === 1 ? 'it' : 'them'} ` +
        'from the Trash until it is emptied.', { title: 'Delete', ok: 'Move to trash' });
    if (!ok) {
        notify(`${what} ${nodes.length === 1 ? 'was' : 'were'} not deleted.`, 'info');
        return false;
    }
    const failures = await eachNode(nodes, (node) => drive.remove(node.id));
    if (failures.length) notify(`Not deleted: ${failures.join(' ')}`, 'error');
    else notify(`${what} ${nodes.length === 1 ? 'was' : 'were'} moved to the trash.`, 'ok');
    return true;
}

/** Renames `node` in place, in its row `tr`; whether a new name was saved. */
export function renameInRow(node, tr) {
    return editName(tr.querySelector('.col-name'), {
        value: node.name,
        label: `New name for ${node.name}`,
        save: (name) => drive.update(node.id, { name }).then((renamed) => {
            notify(`“${node.name}” was renamed to “${renamed.name}”.`, 'ok');
        }),
    });
}

/** A row at the top of the list to name a new folder of `parent` in; the folder created, or null. */
export async function newFolderRow(parent) {
    const nameCellEl = h('td', { colspan: 7, class: 'col-name' });
    const tr = h('tr', { class: 'file-row new-folder-row' }, nameCellEl);
    $('file-list').prepend(tr);
    $('myfiles-table').hidden = false;
    $('myfiles-empty').hidden = true;
    let created = null;
    await editName(nameCellEl, {
        value: 'New folder',
        label: 'Name of the new folder',
        save: async (name) => {
            created = await drive.createFolder(parent, name);
            notify(`Folder “${created.name}” was created.`, 'ok');
        },
    });
    tr.remove();
    return created;
}

/** Puts `node` in the public share list (the seed's share); whether its row changed. */
export async function shareNode(node) {
    const code = (await post('dealfile?cmd=share', asUser({ md5: node.md5, filename: node.name }))).code;
    notify(`“${node.name}” ${message('share', code)}`, code === '010' ? 'ok' : code === '012' ? 'info' : 'error');
    return code === '010' || code === '012';
}
