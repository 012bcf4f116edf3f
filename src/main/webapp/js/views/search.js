// Search: the user's nodes whose name contains the words typed in the top bar (GET /api/v2/search); each result
// opens its folder.

import { drive } from '../v2.js';
import { pathText } from '../paths.js';
import { h, formatSize, formatNumber, typeIcon, folderIcon } from '../util.js';
import { cell, actionButton, timeCell, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

/** `showView(name, arg)` opens a view: results open in the folder view. */
export function createSearchView({ showView }) {
    let q = '';
    let items = [];
    const pager = new Pager('search', 'Search result pages', () => load());

    const load = latestOnly('search', async (current) => {
        const page = await drive.search({ q, offset: pager.offset, limit: PAGE_SIZE });
        if (!current()) return;
        items = page.items;
        pager.setTotal(page.total);
        render();
    });

    function render() {
        $('search-list').replaceChildren(...items.map((node) => h('tr',
            { class: 'file-row', dataset: { id: node.id, kind: node.kind, name: node.name } },
            cell(null, 'col-icon', node.kind === 'folder' ? folderIcon() : typeIcon(node)),
            cell(null, 'col-name', h('button', { type: 'button', class: 'link open-result', title: `Show ${node.name} in its folder` }, node.name)),
            cell('Folder', 'origin', pathText(node.path)),
            cell('Size', 'col-num size', node.kind === 'folder' ? '—' : formatSize(node.size)),
            timeCell('Modified', node.modified),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                actionButton('act-open-folder', 'Open folder', node.name, `Open the folder of ${node.name}`))))));
        const empty = items.length === 0;
        $('search-query').textContent = q;
        $('search-empty').hidden = !empty;
        $('search-table').hidden = empty;
        $('search-total').textContent = formatNumber(pager.total);
        $('search-title').firstChild.textContent = `Search: “${q}” `;
        pager.render(pager.total === 1 ? 'result' : 'results');
    }

    $('search-list').addEventListener('click', (ev) => {
        const tr = ev.target.closest('tr[data-id]');
        const node = tr && ev.target.closest('button') && items.find((n) => n.id === tr.dataset.id);
        if (!node) return;
        // A folder's name opens the folder itself; everything else opens the folder it is in, on it.
        if (node.kind === 'folder' && ev.target.closest('.open-result')) showView('myfiles', { folder: node.id });
        else showView('myfiles', { folder: node.parent, focus: node.id });
    });
    $('search-form').addEventListener('submit', (ev) => {
        ev.preventDefault();
        const typed = $('search-input').value.trim();
        if (!typed) return;
        q = typed;
        pager.page = 0;
        showView('search');
    });

    return { name: 'search', title: 'Search', show: () => (q ? load() : render()) };
}
