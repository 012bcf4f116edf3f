// The download ranking of the public files (/sharefiles?cmd=pvdesc).

import { post, asFileList } from '../api.js';
import { h, typeIcon } from '../util.js';
import { Pager, PAGE_SIZE, latestOnly } from '../table.js';
import { shareCount } from './public.js';

const $ = (id) => document.getElementById(id);

export function createRankingView() {
    let items = [];
    const pager = new Pager('ranking', 'Ranking pages', () => load());

    const load = latestOnly('ranking', async (current) => {
        pager.setTotal(await shareCount());
        const page = asFileList(await post('sharefiles?cmd=pvdesc', { start: pager.offset, count: PAGE_SIZE }), 'the ranking');
        if (!current()) return;
        items = page;
        render();
    });

    function render() {
        const ol = $('ranking-list');
        const first = pager.offset + 1;
        ol.setAttribute('start', String(first));
        ol.replaceChildren(...items.map((item, i) => {
            const n = first + i;
            return h('li', { class: `rank-row${n <= 3 ? ' top' : ''}`, dataset: { filename: item.filename, md5: item.md5, user: item.user, rank: n } },
                h('span', { class: 'rank', 'aria-hidden': 'true' }, String(n)),
                typeIcon(item),
                h('span', { class: 'rank-name' },
                    h('span', { class: 'file-name', title: item.filename }, item.filename),
                    item.user ? h('span', { class: 'rank-owner' }, `shared by ${item.user}`) : null),
                h('span', { class: 'rank-count' }, h('span', { class: 'pv' }, String(item.pv ?? 0)), ' ',
                    h('span', { class: 'pv-label' }, Number(item.pv) === 1 ? 'download' : 'downloads')));
        }));
        const empty = items.length === 0 && pager.total === 0;
        $('ranking-empty').hidden = !empty;
        ol.hidden = empty;
        pager.render(pager.total === 1 ? 'file' : 'files');
    }

    $('refresh-ranking').addEventListener('click', () => load());

    return { name: 'ranking', title: 'Download ranking', show: () => load() };
}
