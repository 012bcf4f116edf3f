// Building blocks of the list views: table cells, action buttons, loading flags and a pager.

import { h, formatNumber, isoTime } from './util.js';
import { reportError } from './status.js';

const $ = (id) => document.getElementById(id);

export const PAGE_SIZE = 50;

/** A cell; `label` is what the phone layout shows before its value. */
export function cell(label, cls, ...content) {
    return h('td', { class: cls, dataset: label ? { label } : null }, ...content);
}

export function actionButton(cls, text, name, label = `${text} ${name}`) {
    return h('button', { type: 'button', class: `btn btn-small ${cls}`, 'aria-label': label, title: label }, text);
}

/** The name (a button that opens the preview when `previewable`) and the shared badge. */
export function nameCell(name, shared, previewable = false) {
    return cell(null, 'col-name',
        previewable
            ? h('button', { type: 'button', class: 'link file-name open-preview', title: `Preview ${name}` }, name)
            : h('span', { class: 'file-name', title: name }, name),
        shared ? h('span', { class: 'badge badge-shared', title: 'In the public files' }, 'shared') : null);
}

/** A time cell: `time` as the server wrote it (ISO-8601, or the seed's "yyyy-MM-dd HH:mm:ss"). */
export function timeCell(label, time) {
    return cell(label, 'time', time ? h('time', { datetime: isoTime(time) }, formatTime(time)) : '—');
}

/** "2026-11-30T08:00:00Z" -> local "2026-11-30 09:00"; the seed's local times stay as they are. */
export function formatTime(time) {
    if (!/Z$/.test(time)) return time;
    const d = new Date(time);
    if (Number.isNaN(d.getTime())) return time;
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function setLoading(view, on) {
    $(`${view}-loading`).hidden = !on;
}

/**
 * The pager at the end of a view's section (#<view>-pager with #<view>-prev, -next, -page-info; `label` names it
 * for screen readers): keeps the page number and calls `load` when it changes.
 */
export class Pager {
    constructor(view, label, load) {
        this.view = view;
        this.page = 0;
        this.total = 0;
        const button = (dir, text, step) => h('button', { type: 'button', id: `${view}-${dir}`, class: 'btn',
            onclick: () => { this.page += step; load(); } }, text);
        $(`view-${view}`).append(h('nav', { class: 'pager', id: `${view}-pager`, 'aria-label': label, hidden: true },
            button('prev', '‹ Previous', -1), h('span', { id: `${view}-page-info`, class: 'page-info' }), button('next', 'Next ›', 1)));
    }

    get offset() {
        return this.page * PAGE_SIZE;
    }

    /** Sets the total and keeps the page within the pages it makes. */
    setTotal(total) {
        this.total = Math.max(0, Number(total) || 0);
        this.page = Math.min(Math.max(0, this.page), this.pages - 1);
    }

    get pages() {
        return Math.max(1, Math.ceil(this.total / PAGE_SIZE));
    }

    render(what) {
        $(`${this.view}-pager`).hidden = this.total <= PAGE_SIZE;
        $(`${this.view}-page-info`).textContent = `Page ${this.page + 1} of ${this.pages} · ${formatNumber(this.total)} ${what}`;
        $(`${this.view}-prev`).disabled = this.page <= 0;
        $(`${this.view}-next`).disabled = this.page >= this.pages - 1;
    }
}

/**
 * Runs the loads of one list so that only the latest one renders (a slow earlier answer never overwrites a
 * newer one), shows the view's loading flag meanwhile and reports the failures of the latest.
 */
export function latestOnly(view, load) {
    let seq = 0;
    return async (...args) => {
        const mine = ++seq;
        setLoading(view, true);
        try {
            await load(() => mine === seq, ...args);
        } catch (e) {
            if (mine === seq) reportError(e);
        } finally {
            if (mine === seq) setLoading(view, false);
        }
    };
}
