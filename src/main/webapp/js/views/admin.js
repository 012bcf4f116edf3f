// Administration (API.md "Administration"): storage figures, users with their usage, a limit per user, disabling
// a user. Shown only to administrators: the view appears once the admin endpoints answer.

import { drive } from '../v2.js';
import { session } from '../session.js';
import { notify, busy } from '../status.js';
import { h, formatSize, formatNumber, parseSize } from '../util.js';
import { cell, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

function statsRows(stats) {
    const ratio = stats.stored_bytes > 0 ? stats.logical_bytes / stats.stored_bytes : 1;
    return [
        ['users', 'Users', formatNumber(stats.users)],
        ['files', 'Files', formatNumber(stats.files)],
        ['contents', 'Distinct contents', formatNumber(stats.contents)],
        ['logical', 'Size of all files', formatSize(stats.logical_bytes)],
        ['stored', 'Stored', formatSize(stats.stored_bytes)],
        ['ratio', 'Deduplication', `${ratio.toFixed(2)} ×`],
    ].map(([key, label, value]) => h('div', { class: 'stat' }, h('dt', null, label), h('dd', { dataset: { stat: key } }, value)));
}

export function createAdminView({ onChanged }) {
    let q = '';
    let users = [];
    const pager = new Pager('admin', 'User pages', () => load());

    const load = latestOnly('admin', async (current) => {
        const [stats, page] = await Promise.all([drive.adminStats(),
            drive.adminUsers({ q: q || undefined, offset: pager.offset, limit: PAGE_SIZE })]);
        if (!current()) return;
        users = page.items;
        pager.setTotal(page.total);
        $('admin-stats').replaceChildren(...statsRows(stats));
        render();
    });

    function render() {
        $('admin-list').replaceChildren(...users.map((u) => h('tr',
            { class: 'user-row', dataset: { user: u.user, disabled: u.disabled ? 1 : 0, limit: u.limit ?? '' } },
            cell(null, 'col-name', h('span', { class: 'file-name' }, u.user),
                u.nickname ? h('span', { class: 'nickname' }, ` (${u.nickname})`) : null),
            cell('Files', 'col-num', formatNumber(u.files)),
            cell('Used', 'col-num used', formatSize(u.used)),
            cell('Limit', 'limit', h('form', { class: 'limit-form' },
                h('input', { type: 'text', class: 'limit-input', value: u.limit === null ? '' : formatSize(u.limit),
                    placeholder: 'unlimited', 'aria-label': `Storage limit of ${u.user}, e.g. 10 GB; empty for none`,
                    size: 9, autocomplete: 'off' }),
                h('button', { type: 'submit', class: 'btn btn-small act-set-limit', 'aria-label': `Set the limit of ${u.user}` }, 'Set'))),
            cell('Status', 'status-cell', u.disabled ? h('span', { class: 'badge badge-disabled' }, 'disabled') : 'active', ' ',
                h('button', { type: 'button', class: `btn btn-small ${u.disabled ? 'act-enable' : 'act-disable btn-danger-text'}`,
                    'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.user}` }, u.disabled ? 'Enable' : 'Disable')))));
        pager.render(pager.total === 1 ? 'user' : 'users');
    }

    async function update(user, changes, done) {
        await drive.adminUpdateUser(user, changes);
        notify(done, 'ok');
        const me = session.get();
        if (me && me.user === user) onChanged(); // one's own limit: the quota bar follows
        await load();
    }

    $('admin-list').addEventListener('submit', (ev) => {
        ev.preventDefault();
        const tr = ev.target.closest('tr[data-user]');
        const input = tr.querySelector('.limit-input');
        const limit = parseSize(input.value);
        if (Number.isNaN(limit)) {
            notify('Type a size such as “500 MB” or “10 GB”, or leave it empty for no limit.', 'error');
            input.setAttribute('aria-invalid', 'true');
            input.focus();
            return;
        }
        const user = tr.dataset.user;
        busy(ev.target.querySelector('button'), () => update(user, { limit },
            limit === null ? `${user} has no storage limit now.` : `${user} may now use ${formatSize(limit)}.`));
    });
    $('admin-list').addEventListener('click', (ev) => {
        const btn = ev.target.closest('.act-disable, .act-enable');
        if (!btn) return;
        const user = btn.closest('tr[data-user]').dataset.user;
        const disabled = btn.classList.contains('act-disable');
        busy(btn, () => update(user, { disabled }, `${user} was ${disabled ? 'disabled: their logins ended' : 'enabled'}.`));
    });
    $('admin-search').addEventListener('submit', (ev) => {
        ev.preventDefault();
        q = $('admin-q').value.trim();
        pager.page = 0;
        load();
    });
    $('refresh-admin').addEventListener('click', () => load());

    return {
        name: 'admin',
        title: 'Administration',
        show: () => load(),
        /** True when the user is an administrator: the admin endpoints answer (403 for everybody else). */
        async available() {
            try {
                await drive.adminStats();
                return true;
            } catch (e) {
                return false;
            }
        },
    };
}
