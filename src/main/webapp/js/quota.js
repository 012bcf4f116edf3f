// The quota bar in the top bar: the space the user's files take (trash included) of their limit (GET /api/v2/me).

import { drive } from './v2.js';
import { formatSize } from './util.js';

const $ = (id) => document.getElementById(id);
let timer = 0;

async function refresh() {
    let me;
    try {
        me = await drive.me();
    } catch (e) {
        return; // the bar is a hint: a failed refresh keeps the last figures, the views report the failure
    }
    const { used, limit } = me.quota || {};
    const bar = $('quota-bar');
    if (limit === null || limit === undefined) {
        $('quota-text').textContent = `${formatSize(used)} used`;
        bar.hidden = true;
    } else {
        $('quota-text').textContent = `${formatSize(used)} of ${formatSize(limit)} used`;
        bar.hidden = false;
        bar.max = Math.max(limit, 1);
        bar.value = Math.min(used, bar.max);
        bar.classList.toggle('full', used >= limit * 0.9);
    }
    $('quota').dataset.used = String(used ?? 0);
    $('quota').dataset.limit = limit === null || limit === undefined ? '' : String(limit);
    $('quota').hidden = false;
}

/** Refreshes the bar soon; calls in a burst (a folder of uploads) make one request. */
export function refreshQuota() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
}
