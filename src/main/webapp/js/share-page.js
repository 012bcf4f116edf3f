/*
 * The public page of a share link, /s/{id} (link.html; no login). It asks the link what it is, then shows one of:
 *   a problem    #share-problem[data-reason=unknown|expired|used_up|revoked|node_deleted|gone] (404, 410)
 *   the password #share-unlock: #unlock-form #unlock-password #unlock-submit #unlock-error
 *   a file       #share-file: #share-name #share-size #share-expiry #share-icon (img#share-thumb for images)
 *                #share-preview #share-download
 *   a folder     #view-share (js/views/shared-folder.js lists its hooks)
 * #share-view[data-state=loading|problem|unlock|file|folder] says which; previews are js/preview.js's dialog.
 */

import { ProblemError } from './v2.js';
import { publicLink, linkSource } from './link-api.js';
import { openPreview, previewKind } from './preview.js';
import { createSharedFolder } from './views/shared-folder.js';
import { notify, reportError } from './status.js';
import { h, formatSize, typeIcon } from './util.js';
import { formatTime } from './table.js';

const $ = (id) => document.getElementById(id);

const PROBLEMS = {
    unknown: ['This link does not exist', 'Check the address: it may be incomplete or mistyped.'],
    expired: ['This link has expired', 'Ask the person who sent it for a new one.'],
    used_up: ['This link has been used up', 'It allowed a limited number of downloads, and they have all been made.'],
    revoked: ['This link was turned off', 'The person who shared it revoked it.'],
    node_deleted: ['What this link shared is gone', 'The file or folder was deleted by its owner.'],
    gone: ['This link no longer works', 'It expired, was used up or turned off, or what it shared was deleted.'],
};

/** Which 410 it is: the problem's reason member (expired, used_up, revoked, node_deleted). */
export function goneReason(problem) {
    return PROBLEMS[problem.reason] ? problem.reason : 'gone';
}

function showState(state) {
    $('share-view').dataset.state = state;
    $('share-loading-link').hidden = state !== 'loading';
    $('share-problem').hidden = state !== 'problem';
    $('share-unlock').hidden = state !== 'unlock';
    $('share-file').hidden = state !== 'file';
    $('view-share').hidden = state !== 'folder';
}

function showProblem(reason) {
    const [title, text] = PROBLEMS[reason];
    $('share-problem').dataset.reason = reason;
    $('share-problem-title').textContent = title;
    $('share-problem-text').textContent = text;
    document.title = `${title} · CloudDisk`;
    showState('problem');
}

function expiryText(info) {
    return info.expires ? `· available until ${formatTime(info.expires)}` : '';
}

function showFile(link, info) {
    const item = { id: null, name: info.name, size: info.size, kind: 'file' };
    const source = linkSource(link);
    $('share-name').textContent = info.name;
    $('share-size').textContent = formatSize(info.size);
    $('share-expiry').textContent = expiryText(info);
    const icon = typeIcon(item);
    if (previewKind(item) === 'image') {
        const img = h('img', { id: 'share-thumb', class: 'share-thumb', alt: `Picture of ${info.name}`, src: link.thumbnailUrl(null, 256) });
        img.addEventListener('error', () => img.replaceWith(icon));
        $('share-icon').replaceChildren(img);
    } else {
        $('share-icon').replaceChildren(icon);
    }
    $('share-preview').hidden = !previewKind(item);
    $('share-preview').onclick = () => openPreview([item], 0, source);
    $('share-download').onclick = () => {
        source.download(item);
        notify(`Downloading “${info.name}” (${formatSize(info.size)})…`, 'info');
    };
    document.title = `${info.name} · CloudDisk`;
    showState('file');
}

let folderView = null;

async function open(link) {
    showState('loading');
    let info;
    try {
        info = await link.info();
    } catch (e) {
        if (!(e instanceof ProblemError)) {
            reportError(e, 'The link could not be opened');
            return;
        }
        if (e.status === 404) showProblem('unknown');
        else if (e.status === 410) showProblem(goneReason(e.problem));
        else if (e.status === 401) {
            link.forget(); // none, or one that expired
            askPassword();
        }
        else reportError(e, 'The link could not be opened');
        return;
    }
    if (info.kind === 'folder') {
        document.title = `${info.name} · CloudDisk`;
        showState('folder');
        if (!folderView) { // once: it wires the list and its pager
            folderView = createSharedFolder(link, info, () => {
                link.forget();
                askPassword();
            });
        }
        folderView.show();
    } else {
        showFile(link, info);
    }
}

function askPassword() {
    document.title = 'Password needed · CloudDisk';
    showState('unlock');
    $('unlock-password').focus();
}

function wireUnlock(link) {
    $('unlock-form').addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const password = $('unlock-password').value;
        const error = $('unlock-error');
        if (!password) {
            error.textContent = 'Type the password.';
            error.hidden = false;
            return;
        }
        const btn = $('unlock-submit');
        btn.disabled = true;
        try {
            await link.unlock(password);
            error.hidden = true;
            $('unlock-password').value = '';
            await open(link);
        } catch (e) {
            error.textContent = e instanceof ProblemError && e.code === 'password_required'
                ? 'That is not the password of this link.' : e.message;
            error.hidden = false;
            if (e instanceof ProblemError && e.status === 410) showProblem(goneReason(e.problem));
            else if (e instanceof ProblemError && e.status === 404) showProblem('unknown');
            else $('unlock-password').select();
        } finally {
            btn.disabled = false;
        }
    });
}

function start() {
    const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname);
    let id = null;
    try {
        id = match ? decodeURIComponent(match[1]) : null;
    } catch (e) { /* a broken escape: not a link of ours */ }
    if (!id) {
        showProblem('unknown');
        return;
    }
    const link = publicLink(id);
    wireUnlock(link);
    open(link);
}

start();
