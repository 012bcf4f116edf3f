// My links: the user's share links (GET /api/v2/links) with what they link to, their state (active, expired, used
// up, revoked, node deleted), downloads against the limit, expiry and password; copy, open and revoke.

import { drive, ProblemError } from '../v2.js';
import { notify, busy } from '../status.js';
import { confirmDialog } from '../dialogs.js';
import { copyText } from '../clipboard.js';
import { h, formatNumber, folderIcon, typeIcon } from '../util.js';
import { cell, actionButton, timeCell, Pager, PAGE_SIZE, latestOnly } from '../table.js';

const $ = (id) => document.getElementById(id);

export const STATE_LABELS = {
    active: 'Active',
    expired: 'Expired',
    used_up: 'Used up',
    revoked: 'Revoked',
    node_deleted: 'Deleted item',
};

/** The server's state when it says one (any spelling: "used up", "used-up", "usedUp"), else null. */
function stateSaid(link) {
    const said = String(link.state || link.status || '').toLowerCase().replace(/[\s-]+/g, '_').replace('usedup', 'used_up');
    if (said === 'deleted' || said === 'gone_node' || said === 'node_trashed') return 'node_deleted';
    return STATE_LABELS[said] ? said : null;
}

/** The link's state: the server's, else worked out from its fields and whether its node is still there. */
export function linkState(link, nodeThere, now = Date.now()) {
    const said = stateSaid(link);
    if (said) return said;
    if (link.revoked) return 'revoked';
    if (!nodeThere) return 'node_deleted';
    if (link.expires && Date.parse(link.expires) <= now) return 'expired';
    if (link.max_downloads != null && Number(link.downloads) >= Number(link.max_downloads)) return 'used_up';
    return 'active';
}

export function createLinksView() {
    const pager = new Pager('links', 'Link pages', () => load());
    let links = [];
    const nodes = new Map(); // node id -> Promise<node|null> (null: not there any more)

    function nodeOf(link) {
        if (link.name) return Promise.resolve({ name: link.name, kind: link.kind });
        if (stateSaid(link) === 'node_deleted') return Promise.resolve(null);
        if (!nodes.has(link.node)) {
            nodes.set(link.node, drive.node(link.node).catch((e) => {
                if (e instanceof ProblemError && e.status === 404) return null;
                throw e;
            }));
        }
        return nodes.get(link.node);
    }

    const load = latestOnly('links', async (current) => {
        nodes.clear();
        const page = await drive.links({ offset: pager.offset, limit: PAGE_SIZE });
        const items = Array.isArray(page) ? page : page.items;
        const targets = await Promise.all(items.map(nodeOf));
        if (!current()) return;
        links = items.map((link, i) => ({ link, node: targets[i] }));
        pager.setTotal(Array.isArray(page) ? items.length : page.total);
        render();
    });

    function render() {
        $('links-list').replaceChildren(...links.map(row));
        $('links-empty').hidden = links.length > 0;
        $('links-table').hidden = links.length === 0;
        $('links-total').textContent = formatNumber(pager.total);
        pager.render(pager.total === 1 ? 'link' : 'links');
    }

    function row({ link, node }) {
        const state = linkState(link, !!node);
        const name = node ? node.name : '(deleted)';
        const kind = node ? node.kind || link.kind : link.kind;
        const max = link.max_downloads;
        return h('tr', { class: 'file-row', dataset: { id: link.id, state, node: link.node, name, url: link.url } },
            cell(null, 'col-icon', kind === 'folder' ? folderIcon() : typeIcon({ name })),
            cell(null, 'col-name', h('span', { class: 'file-name' }, name),
                h('a', { class: 'link-url', href: link.url, target: '_blank', rel: 'noopener' }, link.url)),
            cell('State', 'link-state', h('span', { class: `badge state-${state}` }, STATE_LABELS[state])),
            cell('Downloads', 'col-num downloads', max == null ? formatNumber(link.downloads)
                : `${formatNumber(link.downloads)} / ${formatNumber(max)}`),
            link.expires ? timeCell('Expires', link.expires) : cell('Expires', 'time', 'Never'),
            cell('Password', 'has-password', link.has_password ? 'Yes' : 'No'),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                actionButton('act-copy', 'Copy', name, `Copy the link to ${name}`),
                state === 'revoked' ? null : actionButton('act-revoke btn-danger-text', 'Revoke', name,
                    `Revoke the link to ${name}`))));
    }

    async function revoke(link, name) {
        const ok = await confirmDialog(`Revoke this link to “${name}”? Whoever has it can no longer open it, and it ` +
            'cannot be turned on again (create a new link instead).', { title: 'Revoke link', ok: 'Revoke' });
        if (!ok) return;
        await drive.revokeLink(link.id);
        notify(`The link to “${name}” was revoked.`, 'ok');
        await load();
    }

    $('links-list').addEventListener('click', (ev) => {
        const btn = ev.target.closest('button');
        const tr = btn && btn.closest('tr[data-id]');
        const entry = tr && links.find((l) => l.link.id === tr.dataset.id);
        if (!entry) return;
        if (btn.classList.contains('act-copy')) copyText(entry.link.url, null);
        else if (btn.classList.contains('act-revoke')) busy(btn, () => revoke(entry.link, tr.dataset.name));
    });
    $('refresh-links').addEventListener('click', () => load());

    return {
        name: 'links',
        title: 'My links',
        show: () => load(),
    };
}
