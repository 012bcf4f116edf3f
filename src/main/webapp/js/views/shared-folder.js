// The folder of a folder link on its public page: browsable (breadcrumbs of the folders opened from the shared one),
// paged, every file downloadable and previewable, thumbnails of images.
//
// Hooks: #share-folder-name, #share-crumbs (buttons .crumb[data-id], the last aria-current="location"), #share-list
// rows tr[data-id][data-kind=file|folder][data-name] with button .open-folder (folders), .open-preview (previewable
// files), img.thumb (images), buttons .act-download; #share-empty, #share-prev #share-next #share-page-info.

import { ProblemError } from '../v2.js';
import { linkSource } from '../link-api.js';
import { openPreview, previewKind } from '../preview.js';
import { notify } from '../status.js';
import { h, formatSize, formatNumber, typeIcon, folderIcon } from '../util.js';
import { cell, actionButton, nameCell, timeCell, formatTime, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

/** `passwordNeeded()` is called when the link's access token stopped working (it is short-lived). */
export function createSharedFolder(link, info, passwordNeeded) {
    const source = linkSource(link);
    const pager = new Pager('share', 'Folder pages', () => load());
    let trail = [{ id: null, name: info.name }]; // the shared folder, then the folders opened inside it
    let items = [];

    const here = () => trail[trail.length - 1];

    const load = latestOnly('share', async (current) => {
        let page;
        try {
            page = await link.children(here().id, pager.offset, PAGE_SIZE);
        } catch (e) {
            if (e instanceof ProblemError && e.status === 401) {
                passwordNeeded();
                return;
            }
            throw e;
        }
        if (!current()) return;
        items = page.items;
        pager.setTotal(page.total);
        render();
    });

    function thumbnail(item) {
        const icon = typeIcon(item);
        if (previewKind(item) !== 'image') return icon;
        const img = h('img', { class: 'thumb', alt: '', width: 36, height: 36, loading: 'lazy', src: link.thumbnailUrl(item.id, 64) });
        img.addEventListener('error', () => img.replaceWith(icon)); // no thumbnail for this one
        return h('span', { class: 'thumb-box' }, img);
    }

    function row(item) {
        const folder = item.kind === 'folder';
        return h('tr', { class: 'file-row', dataset: { id: item.id, kind: item.kind, name: item.name } },
            cell(null, 'col-icon', folder ? folderIcon() : thumbnail(item)),
            folder
                ? cell(null, 'col-name', h('button', { type: 'button', class: 'link open-folder', title: `Open ${item.name}` }, item.name))
                : nameCell(item.name, false, !!previewKind(item)),
            cell('Size', 'col-num size', folder ? '—' : formatSize(item.size)),
            timeCell('Modified', item.modified),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                folder ? null : actionButton('act-download', 'Download', item.name))));
    }

    function render() {
        $('share-folder-name').textContent = here().name;
        $('share-folder-expiry').textContent = info.expires ? `Shared until ${formatTime(info.expires)}` : '';
        $('share-crumbs').replaceChildren(...trail.map((step, i) => h('li', null,
            h('button', { type: 'button', class: 'crumb', dataset: { id: step.id ?? '' },
                'aria-current': i === trail.length - 1 ? 'location' : null,
                onclick: () => go(trail.slice(0, i + 1)) }, step.name))));
        $('share-list').replaceChildren(...items.map(row));
        $('share-empty').hidden = items.length > 0;
        $('share-table').hidden = items.length === 0;
        $('share-total').textContent = formatNumber(pager.total);
        pager.render(pager.total === 1 ? 'item' : 'items');
    }

    function go(newTrail) {
        trail = newTrail;
        pager.page = 0;
        return load();
    }

    $('share-list').addEventListener('click', (ev) => {
        const btn = ev.target.closest('button');
        const tr = btn && btn.closest('tr[data-id]');
        const item = tr && items.find((it) => String(it.id) === tr.dataset.id);
        if (!item) return;
        if (btn.classList.contains('open-folder')) go([...trail, { id: item.id, name: item.name }]);
        else if (btn.classList.contains('open-preview')) openPreview(items, items.indexOf(item), source);
        else if (btn.classList.contains('act-download')) {
            source.download(item);
            notify(`Downloading “${item.name}” (${formatSize(item.size)})…`, 'info');
        }
    });

    return { show: () => go(trail.slice(0, 1)) };
}
