// My files: one folder of the user's drive at a time (API v2). Breadcrumbs, folders first, new folder and rename
// in place, moves by drag and drop or "Move to…", multi-select with bulk move and delete, uploads (files and
// folders) into the folder on screen, downloads, sharing to the public list, properties.

import { drive, ProblemError } from '../v2.js';
import { notify, busy, reportError } from '../status.js';
import { crumbButtons, stepsTo } from '../paths.js';
import { filesOfInput, filesOfDrop, placeEntries } from '../uploads.js';
import { downloadNode } from '../downloads.js';
import { cancelShare } from './public.js';
import { wireDragAndDrop } from './drag-and-drop.js';
import { fileRow, showNodeProperties } from './file-rows.js';
import { moveNodes, askTarget, trashNodes, renameInRow, newFolderRow, shareNode } from './file-actions.js';
import { openPreview } from '../preview.js';
import { nodeSource, ListThumbnails } from '../node-media.js';
import { openLinkDialog } from '../link-dialog.js';
import { formatNumber } from '../util.js';
import { Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);
const ROOT = 'root';

export function createFilesView({ transfers, onChanged }) {
    let folder = ROOT;      // the folder on screen: "root" or a folder id
    let here = null;        // its node, with its path
    let items = [];         // the nodes of the page on screen
    let sort = 'name';
    let order = 'asc';
    let focusAfterLoad = null; // [node id, selector of the control to focus] once the list is rendered
    let focusCrumb = false;    // the control that opened the folder is gone: focus goes to where we are
    const selected = new Set();
    const pager = new Pager('myfiles', 'Folder pages', () => load());
    const thumbnails = new ListThumbnails();

    /** The folder's node and the page on screen of its children. */
    async function fetchFolder() {
        const params = { sort, order, offset: pager.offset, limit: PAGE_SIZE };
        const [node, page] = await Promise.all([drive.node(folder), drive.children(folder, params)]);
        if (page.items.length > 0 || page.total === 0) return [node, page];
        // Nodes went away meanwhile (another tab): show the last page that has some.
        pager.setTotal(page.total);
        return [node, await drive.children(folder, { ...params, offset: pager.offset })];
    }

    const load = latestOnly('myfiles', async (current) => {
        let node;
        let page;
        try {
            [node, page] = await fetchFolder();
        } catch (e) {
            if (folder === ROOT || !(e instanceof ProblemError && e.code === 'not_found')) throw e;
            // Deleted or never there (another tab, an old address): back to My files.
            notify('That folder is no longer there, here is My files.', 'info');
            open(ROOT);
            return;
        }
        if (!current()) return;
        here = node;
        if (node.parent === null) folder = ROOT;
        items = page.items;
        pager.setTotal(page.total);
        for (const id of [...selected]) if (!items.some((n) => n.id === id)) selected.delete(id);
        render();
    });

    // ---------------------------------------------------------------- navigation

    function open(folderId, focus = null) {
        folder = folderId;
        pager.page = 0;
        selected.clear();
        focusAfterLoad = focus;
        focusCrumb = !focus && !!document.activeElement.closest('#file-list, #breadcrumbs');
        history.replaceState(null, '', folderId === ROOT ? '#myfiles' : `#myfiles/${folderId}`);
        return load();
    }

    function nodeOf(el) {
        const tr = el.closest('tr[data-id]');
        return tr ? items.find((n) => n.id === tr.dataset.id) : null;
    }

    // ---------------------------------------------------------------- rendering

    function render() {
        const steps = stepsTo(here);
        const name = steps[steps.length - 1].name;
        $('folder-name').textContent = name;
        document.title = `${name} · CloudDisk`;
        $('breadcrumbs').replaceChildren(...crumbButtons(steps, 'drop-target', (id) => open(id)));
        thumbnails.begin();
        $('file-list').replaceChildren(...items.map((node) => fileRow(node, selected, thumbnails)));
        thumbnails.done();
        const empty = items.length === 0;
        $('myfiles-empty').hidden = !empty;
        $('myfiles-table').hidden = empty;
        $('myfiles-total').textContent = formatNumber(pager.total);
        pager.render(pager.total === 1 ? 'item' : 'items');
        renderSelection();
        if (focusAfterLoad) {
            const [id, selector] = focusAfterLoad;
            focusAfterLoad = null;
            const target = document.querySelector(`#file-list tr[data-id="${CSS.escape(id)}"] ${selector}`);
            if (target) target.focus();
        } else if (focusCrumb) {
            focusCrumb = false;
            $('breadcrumbs').querySelector('[aria-current="location"]').focus();
        }
    }

    function renderSelection() {
        const n = selected.size;
        $('selection-bar').hidden = n === 0;
        $('selection-count').textContent = `${n} selected`;
        const all = $('select-all');
        all.checked = n > 0 && n === items.length;
        all.indeterminate = n > 0 && n < items.length;
        for (const tr of $('file-list').rows) {
            const on = selected.has(tr.dataset.id);
            tr.dataset.selected = on ? '1' : '0';
            tr.querySelector('.select').checked = on;
        }
    }

    function select(ids, on) {
        for (const id of ids) {
            if (on) selected.add(id);
            else selected.delete(id);
        }
        renderSelection();
    }

    const selectedNodes = () => items.filter((n) => selected.has(n.id));

    // ---------------------------------------------------------------- changes (file-actions.js acts)

    async function changed() {
        onChanged();
        await load();
    }

    async function move(nodes, target) {
        await moveNodes(nodes, target);
        select(nodes.map((n) => n.id), false);
        await load();
    }

    async function askMove(nodes) {
        const target = await askTarget(nodes, folder);
        if (target) await move(nodes, target);
    }

    async function trash(nodes) {
        if (!await trashNodes(nodes)) return;
        select(nodes.map((n) => n.id), false);
        await changed();
    }

    async function rename(node, tr) {
        if (await renameInRow(node, tr)) {
            focusAfterLoad = [node.id, '.act-rename'];
            await load();
        } else if (document.activeElement === document.body) { // Escape took the input away
            tr.querySelector('.act-rename').focus();
        }
    }

    async function newFolder() {
        const created = await newFolderRow(folder);
        if (created) {
            focusAfterLoad = [created.id, '.open-folder'];
            await load();
        } else {
            render();
            if (document.activeElement === document.body) $('new-folder').focus(); // Escape took the input away
        }
    }

    async function share(node) {
        if (await shareNode(node)) await load();
    }

    async function download(node, tr) {
        await downloadNode(transfers, node);
        node.downloads = (node.downloads ?? 0) + 1;
        tr.dataset.pv = String(node.downloads);
        tr.querySelector('.pv').textContent = String(node.downloads);
    }

    // ---------------------------------------------------------------- uploads

    async function upload(entriesPromise) {
        try {
            const uploads = await placeEntries(folder, await entriesPromise);
            if (!uploads.length) return;
            notify(uploads.length === 1 ? `Uploading “${uploads[0].file.name}”…` : `Uploading ${uploads.length} files…`, 'info');
            transfers.addUploads(uploads);
            await load(); // shows the folders that were created
        } catch (e) {
            reportError(e, 'Could not upload');
        }
    }

    // ---------------------------------------------------------------- wiring

    function onListClick(ev) {
        const btn = ev.target.closest('button');
        const node = btn && nodeOf(btn);
        if (!node) return;
        const tr = btn.closest('tr');
        const c = btn.classList;
        if (c.contains('open-folder')) open(node.id);
        else if (c.contains('open-preview')) openPreview(items, items.indexOf(node), nodeSource(transfers));
        else if (c.contains('act-link')) openLinkDialog(node);
        else if (c.contains('act-download')) busy(btn, () => download(node, tr));
        else if (c.contains('act-share')) busy(btn, () => share(node));
        else if (c.contains('act-cancel-share')) {
            busy(btn, async () => {
                if (await cancelShare(node.md5, node.name)) await load();
            });
        } else if (c.contains('act-rename')) rename(node, tr);
        else if (c.contains('act-move')) busy(btn, () => askMove([node]));
        else if (c.contains('act-props')) showNodeProperties(node, here);
        else if (c.contains('act-delete')) busy(btn, () => trash([node]));
    }

    $('file-list').addEventListener('click', onListClick);
    $('file-list').addEventListener('change', (ev) => {
        const node = ev.target.matches('.select') && nodeOf(ev.target);
        if (node) select([node.id], ev.target.checked);
    });
    $('select-all').addEventListener('change', (ev) => select(items.map((n) => n.id), ev.target.checked));
    $('myfiles-table').addEventListener('keydown', (ev) => {
        if (ev.target.matches('input.name-input')) return;
        if (ev.key === 'Escape' && selected.size) {
            select([...selected], false);
        } else if (ev.key === 'Delete') {
            const nodes = selected.size ? selectedNodes() : [nodeOf(ev.target)].filter(Boolean);
            if (nodes.length) trash(nodes).catch(reportError);
        }
    });
    $('bulk-move').addEventListener('click', (ev) => busy(ev.currentTarget, () => askMove(selectedNodes())));
    $('bulk-delete').addEventListener('click', (ev) => busy(ev.currentTarget, () => trash(selectedNodes())));
    $('bulk-clear').addEventListener('click', () => {
        select([...selected], false);
        $('select-all').focus();
    });
    $('new-folder').addEventListener('click', () => newFolder().catch(reportError));
    $('refresh-myfiles').addEventListener('click', () => load());
    $('sort-select').addEventListener('change', (ev) => {
        [sort, order] = ev.target.value.split(':');
        pager.page = 0;
        load();
    });
    for (const id of ['upload-input', 'upload-folder-input']) {
        $(id).addEventListener('change', (ev) => {
            const entries = filesOfInput(ev.target);
            ev.target.value = ''; // the same files can be picked again
            upload(entries);
        });
    }
    wireDragAndDrop($('view-myfiles'), $('drop-zone'), {
        dragged(el) {
            const node = nodeOf(el);
            if (!node) return null;
            return selected.has(node.id) ? [...selected] : [node.id]; // a selected row takes the selection along
        },
        move: (ids, target) => move(items.filter((n) => ids.includes(n.id)), target).catch(reportError),
        upload: (dataTransfer) => upload(filesOfDrop(dataTransfer)),
    });

    let reloadTimer = 0;
    return {
        name: 'myfiles',
        title: 'My files',
        /** Shows {folder, focus}: the folder (else the one last on screen), with the node `focus` focused. */
        show: (target) => open(target?.folder || folder, target?.focus ? [target.focus, '.select'] : null),
        /** Reloads soon when on screen; calls in a burst (uploads finishing) make one reload. */
        scheduleReload() {
            clearTimeout(reloadTimer);
            reloadTimer = setTimeout(() => {
                if ($('view-myfiles').hidden) return;
                // A name being typed would be lost with its row: reload once it is done.
                if ($('file-list').querySelector('.name-input')) this.scheduleReload();
                else load();
            }, 300);
        },
        /** Back to root with nothing remembered (log out). */
        reset() {
            folder = ROOT;
            items = [];
            selected.clear();
            $('file-list').replaceChildren();
        },
    };
}
