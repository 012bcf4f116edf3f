// Trash: deleted nodes (API.md "Trash"), restored to where they were or purged for good.

import { drive } from '../v2.js';
import { pathText } from '../paths.js';
import { notify, busy } from '../status.js';
import { confirmDialog } from '../dialogs.js';
import { h, formatSize, formatNumber, typeIcon, folderIcon } from '../util.js';
import { cell, actionButton, nameCell, timeCell, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

export function createTrashView({ onChanged }) {
    let items = [];
    const pager = new Pager('trash', 'Trash pages', () => load());

    const load = latestOnly('trash', async (current) => {
        const page = await drive.trash({ offset: pager.offset, limit: PAGE_SIZE });
        if (!current()) return;
        items = page.items;
        pager.setTotal(page.total);
        render();
    });

    function render() {
        $('trash-list').replaceChildren(...items.map((node) => h('tr',
            { class: 'file-row', dataset: { id: node.id, kind: node.kind, name: node.name } },
            cell(null, 'col-icon', node.kind === 'folder' ? folderIcon() : typeIcon(node)),
            nameCell(node.name, false),
            cell('Was in', 'origin', pathText(node.original_path)),
            cell('Size', 'col-num size', node.kind === 'folder' ? '—' : formatSize(node.size)),
            timeCell('Deleted', node.deleted),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                actionButton('act-restore', 'Restore', node.name),
                actionButton('act-purge btn-danger-text', 'Delete forever', node.name))))));
        const empty = items.length === 0;
        $('trash-empty').hidden = !empty;
        $('trash-table').hidden = empty;
        $('empty-trash').disabled = empty;
        $('trash-total').textContent = formatNumber(pager.total);
        pager.render(pager.total === 1 ? 'item' : 'items');
    }

    async function restore(node) {
        const back = await drive.restore(node.id);
        notify(`“${node.name}” was restored${back.name !== node.name ? ` as “${back.name}”` : ''}.`, 'ok');
        await load();
    }

    async function purge(node) {
        if (!await confirmDialog(`Delete “${node.name}” for good? This cannot be undone.`,
            { title: 'Delete forever', ok: 'Delete forever' })) return;
        await drive.purge(node.id);
        notify(`“${node.name}” was deleted for good.`, 'ok');
        onChanged();
        await load();
    }

    async function emptyTrash() {
        if (!await confirmDialog('Delete everything in the trash for good? This cannot be undone.',
            { title: 'Empty trash', ok: 'Empty trash' })) return;
        await drive.emptyTrash();
        notify('The trash was emptied.', 'ok');
        onChanged();
        await load();
    }

    $('trash-list').addEventListener('click', (ev) => {
        const btn = ev.target.closest('button');
        const tr = ev.target.closest('tr[data-id]');
        const node = tr && items.find((n) => n.id === tr.dataset.id);
        if (!btn || !node) return;
        if (btn.classList.contains('act-restore')) busy(btn, () => restore(node));
        else if (btn.classList.contains('act-purge')) busy(btn, () => purge(node));
    });
    $('empty-trash').addEventListener('click', (ev) => busy(ev.currentTarget, emptyTrash));
    $('refresh-trash').addEventListener('click', () => load());

    return { name: 'trash', title: 'Trash', show: () => load() };
}
