// One row of the transfer list: its elements, its state's label and buttons, and its progress text.
// <li data-id data-kind=upload|download data-name data-state data-outcome>; the list (transfers.js) decides the
// states, this module only shows them.

import { h, formatSize, formatSpeed, formatDuration } from './util.js';

export const ACTIVE_STATES = new Set(['queued', 'hashing', 'uploading', 'paused']);
/** What keeps the page busy: a paused upload sends nothing and continues after a reload. */
export const RUNNING_STATES = new Set(['queued', 'hashing', 'uploading']);

const STATE_LABELS = {
    queued: 'Waiting',
    hashing: 'Computing MD5',
    uploading: 'Uploading',
    paused: 'Paused',
    interrupted: 'Interrupted',
    done: 'Done',
    instant: 'Instant upload',
    failed: 'Failed',
    cancelled: 'Cancelled',
};

/** Transfer speed over the last 3 seconds. */
export class Rate {
    constructor(bytes = 0) {
        this.samples = [[performance.now(), bytes]];
    }

    /** Bytes per second after `bytes` in all. */
    update(bytes) {
        const now = performance.now();
        this.samples.push([now, bytes]);
        while (this.samples.length > 2 && now - this.samples[0][0] > 3000) this.samples.shift();
        const [t0, b0] = this.samples[0];
        return now > t0 ? ((bytes - b0) * 1000) / (now - t0) : 0;
    }
}

/** "12 MB of 40 MB · 30.0 % · 5 MB/s · 6s left" */
export function progressDetail(sent, total, speed) {
    const frac = total ? Math.min(1, sent / total) : 1;
    const left = speed > 0 ? (total - sent) / speed : NaN;
    return `${formatSize(sent)} of ${formatSize(total)} · ${(frac * 100).toFixed(1)} % · ${formatSpeed(speed)}` +
        (frac < 1 && Number.isFinite(left) ? ` · ${formatDuration(left)} left` : '');
}

/** Makes the row of `t` (its elements kept on `t`) with its Cancel and Pause buttons; prepended to `listEl`. */
export function buildRow(t, listEl, { onCancel, onPause, onResume }) {
    t.stateEl = h('span', { class: 'transfer-state' });
    t.progressEl = h('progress', { class: 'transfer-progress', max: '100', value: '0', 'aria-label': `Progress of ${t.name}` });
    t.detailEl = h('span', { class: 'transfer-detail' });
    t.cancelBtn = h('button', {
        type: 'button',
        class: 'btn btn-small transfer-cancel',
        'aria-label': `Cancel ${t.name}`,
        onclick: () => onCancel(t),
    }, 'Cancel');
    t.pauseBtn = h('button', {
        type: 'button',
        class: 'btn btn-small transfer-pause',
        hidden: true,
        onclick: () => (t.state === 'paused' ? onResume(t) : onPause(t)),
    }, 'Pause');
    t.el = h('li', { class: 'transfer', dataset: { id: t.id, kind: t.kind, name: t.name } },
        h('div', { class: 'transfer-head' },
            h('span', { class: 'transfer-kind', 'aria-hidden': 'true' }, t.kind === 'upload' ? '↑' : '↓'),
            h('span', { class: 'transfer-name', title: t.name }, t.name),
            t.stateEl),
        t.progressEl,
        h('div', { class: 'transfer-foot' }, t.detailEl, h('span', { class: 'transfer-actions' }, t.pauseBtn, t.cancelBtn)));
    listEl.prepend(t.el);
}

/** Shows `state` on the row (with `detail` below it when given, and the outcome once finished). */
export function showState(t, state, detail, outcome) {
    t.state = state;
    t.el.dataset.state = state;
    if (outcome) t.el.dataset.outcome = outcome;
    t.stateEl.textContent = t.stateLabel || STATE_LABELS[state] || state;
    t.stateLabel = null;
    if (detail !== undefined) t.detailEl.textContent = detail;
    const active = ACTIVE_STATES.has(state);
    t.cancelBtn.hidden = !(active || state === 'interrupted');
    const pausable = Boolean(t.tus) && (state === 'uploading' || state === 'paused');
    t.pauseBtn.hidden = !pausable;
    t.pauseBtn.textContent = state === 'paused' ? 'Resume' : 'Pause';
    t.pauseBtn.setAttribute('aria-label', `${state === 'paused' ? 'Resume' : 'Pause'} ${t.name}`);
    t.el.classList.toggle('is-active', active);
    if (state === 'done' || state === 'instant') {
        t.progressEl.value = 100;
    } else if (!active && t.progressEl.value === 0) {
        t.progressEl.removeAttribute('value');
        t.progressEl.hidden = true;
    }
}
