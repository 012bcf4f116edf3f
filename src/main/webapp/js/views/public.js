// Public files: the seed's public share list (/sharefiles), with save, download and (for one's own) unshare.

import { post, get, asUser, asFileList, message, ServerError } from '../api.js';
import { session } from '../session.js';
import { notify, busy } from '../status.js';
import { showProperties } from '../dialogs.js';
import { downloadUrl } from '../downloads.js';
import { h, formatSize, formatNumber, typeIcon, typeInfo, fileType } from '../util.js';
import { cell, actionButton, nameCell, timeCell, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

/** The number of files in the public list (GET /sharefiles?cmd=count, a bare number). */
export async function shareCount() {
    const n = await get('sharefiles?cmd=count');
    const v = typeof n === 'object' && n !== null ? (n.num ?? n.count) : n;
    if (v === undefined || !Number.isFinite(Number(v))) {
        throw new ServerError(`Could not count the public files (code ${n && n.code ? n.code : 'none'}).`);
    }
    return Math.max(0, Number(v));
}

/** Takes a file of the user's out of the public list; true when it was. */
export async function cancelShare(md5, filename) {
    const code = (await post('dealsharefile?cmd=cancel', asUser({ md5, filename }))).code;
    notify(`“${filename}” ${message('cancel', code)}`, code === '018' ? 'ok' : 'error');
    return code === '018';
}

export function createPublicView(transfers) {
    let items = [];
    const pager = new Pager('public', 'Public files pages', () => load());

    const load = latestOnly('public', async (current) => {
        const total = await shareCount();
        pager.setTotal(total);
        const page = asFileList(await post('sharefiles?cmd=normal', { start: pager.offset, count: PAGE_SIZE }), 'the public files');
        if (!current()) return;
        items = page;
        render();
    });

    function render() {
        const s = session.get();
        const me = s ? s.user : null;
        $('public-list').replaceChildren(...items.map((item, i) => h('tr',
            { class: 'file-row', dataset: { index: i, filename: item.filename, md5: item.md5, user: item.user ?? '', pv: item.pv ?? 0 } },
            cell(null, 'col-icon', typeIcon(item)),
            nameCell(item.filename, false),
            cell('Shared by', 'owner', h('span', { class: 'owner-name' }, item.user ?? '—'), item.user === me ? h('span', { class: 'badge' }, 'you') : null),
            cell('Size', 'col-num size', formatSize(item.size)),
            timeCell('Time', item.time),
            cell('Downloads', 'col-num', h('span', { class: 'pv' }, String(item.pv ?? 0))),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                actionButton('act-download', 'Download', item.filename),
                actionButton('act-save', 'Save', item.filename, `Save ${item.filename} to my files`),
                actionButton('act-props', 'Properties', item.filename),
                item.user === me ? actionButton('act-cancel-share', 'Unshare', item.filename) : null)))));
        const empty = pager.total === 0 && items.length === 0;
        $('public-empty').hidden = !empty;
        $('public-table').hidden = empty;
        $('public-total').textContent = formatNumber(pager.total);
        pager.render(pager.total === 1 ? 'file' : 'files');
    }

    function properties(item) {
        const type = fileType(item);
        const info = typeInfo(type);
        showProperties('File properties', [
            ['name', 'Name', item.filename],
            ['type', 'Type', type ? `${info.label} (.${type})` : info.label],
            ['size', 'Size', `${formatSize(item.size)} (${formatNumber(item.size)} bytes)`],
            ['md5', 'MD5', item.md5],
            ['time', 'Time', item.time],
            ['pv', 'Public downloads', formatNumber(item.pv)],
            ['user', 'Shared by', item.user],
            ['url', 'URL', item.url ? h('a', { href: item.url, download: item.filename, rel: 'noopener' }, item.url) : null],
        ]);
    }

    // Downloads by the public address, then counts it with /dealsharefile?cmd=pv.
    async function download(item, tr) {
        const note = downloadUrl(transfers, item.url, item.filename, item.size);
        const code = (await post('dealsharefile?cmd=pv', asUser({ md5: item.md5, filename: item.filename }))).code;
        if (code !== '016') {
            note('not counted');
            notify(`“${item.filename}”: ${message('pv', code)}`, 'error');
            return;
        }
        note('counted');
        item.pv = (Number(item.pv) || 0) + 1;
        tr.dataset.pv = String(item.pv);
        tr.querySelector('.pv').textContent = String(item.pv);
    }

    async function save(item) {
        const code = (await post('dealsharefile?cmd=save', asUser({ md5: item.md5, filename: item.filename }))).code;
        notify(`“${item.filename}” ${message('save', code)}`, code === '020' ? 'ok' : code === '021' ? 'info' : 'error');
    }

    $('public-list').addEventListener('click', (ev) => {
        const btn = ev.target.closest('button');
        const tr = ev.target.closest('tr[data-index]');
        const item = tr && items[Number(tr.dataset.index)];
        if (!btn || !item) return;
        if (btn.classList.contains('act-props')) properties(item);
        else if (btn.classList.contains('act-download')) busy(btn, () => download(item, tr));
        else if (btn.classList.contains('act-save')) busy(btn, () => save(item));
        else if (btn.classList.contains('act-cancel-share')) {
            busy(btn, async () => {
                if (await cancelShare(item.md5, item.filename)) await load();
            });
        }
    });
    $('refresh-public').addEventListener('click', () => load());

    return { name: 'public', title: 'Public files', show: () => load() };
}
