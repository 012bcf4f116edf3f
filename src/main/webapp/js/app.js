/*
 * CloudDisk web client (ES modules, no build step): the app shell. It logs in and out, switches views and wires
 * the modules together. The drive and uploads speak API v2 (shared API.md, v2.js, resumable.js); log in,
 * registration and the public list speak the seed's protocol (shared PROTOCOL.md, api.js). One module per view
 * under views/.
 *
 * Stable hooks for end-to-end tests (ids unless noted):
 *   Auth     #auth-view, #login-form #login-user #login-password #login-submit #login-error,
 *            #reg-form #reg-user #reg-nick #reg-password #reg-password2 #reg-phone #reg-email #reg-submit
 *            #reg-error, per-field errors #reg-<field>-error (inputs get aria-invalid="true"),
 *            #show-register / #show-login (links), #logout, #current-user
 *   Shell    #app-view; nav buttons #nav-myfiles #nav-public #nav-ranking #nav-links #nav-trash #nav-admin (administrators
 *            only; aria-current="page" on the active one); sections #view-<name>; #search-form #search-input;
 *            #quota (data-used, data-limit) with #quota-text and #quota-bar
 *   My files #breadcrumbs (buttons .crumb[data-id], the last aria-current="location"), #folder-name,
 *            #upload-input (files), #upload-folder-input (a directory), #drop-zone, #sort-select
 *            (name:asc|name:desc|created:desc|created:asc|size:desc|downloads:desc), #new-folder (then
 *            input.name-input: Enter creates, Escape cancels), #refresh-myfiles, #myfiles-total, #myfiles-empty,
 *            #myfiles-prev #myfiles-next #myfiles-page-info, #select-all, #selection-bar #selection-count
 *            #bulk-move #bulk-delete #bulk-clear,
 *            #file-list (tbody) rows: tr[data-id][data-kind=file|folder][data-name][data-selected=0|1],
 *              files also [data-filename][data-md5][data-shared=0|1][data-pv]; checkbox .select;
 *              folders: button .open-folder; previewable files: button .open-preview (the name); image files:
 *              img.thumb (shown once the thumbnail came); .badge-shared (shared files), .size, .pv; buttons
 *              .act-download .act-share | .act-cancel-share, .act-link, .act-rename (input.name-input), .act-move,
 *              .act-props, .act-delete
 *   Preview  <dialog id="preview-dialog"> (js/preview.js lists its hooks)
 *   Links    #links-list rows: tr[data-id][data-state=active|expired|used_up|revoked|node_deleted][data-node]
 *              [data-name][data-url] with .downloads, .has-password, .link-url, buttons .act-copy .act-revoke;
 *            #links-empty, #refresh-links; <dialog id="link-dialog"> (js/link-dialog.js lists its hooks)
 *   Public   #public-list (tbody) rows: tr[data-filename][data-md5][data-user] with .pv and buttons
 *              .act-save .act-download .act-props (+ .act-cancel-share on one's own shares);
 *            #public-empty, #public-prev #public-next #public-page-info, #refresh-public
 *   Ranking  #ranking-list (ol) rows: li[data-filename][data-md5?][data-user?] with .rank and .pv
 *            (number only); #ranking-empty, #ranking-prev #ranking-next, #refresh-ranking
 *   Search   #search-list rows: tr[data-id][data-kind][data-name], buttons .open-result .act-open-folder;
 *            #search-empty
 *   Trash    #trash-list rows: tr[data-id][data-kind][data-name], buttons .act-restore .act-purge;
 *            #empty-trash, #trash-empty, #refresh-trash
 *   Admin    #admin-stats (dd[data-stat]), #admin-list rows: tr[data-user][data-limit][data-disabled] with
 *            input.limit-input, button .act-set-limit, .act-disable | .act-enable; #admin-search #admin-q
 *   Transfer #transfer-list rows: li[data-id][data-kind=upload|download][data-name][data-state][data-outcome]
 *              data-state: queued|hashing|uploading|paused|interrupted|done|failed|instant|cancelled
 *              (paused also when the connection was lost: it continues by itself)
 *              data-outcome (when finished): stored|instant|failed|network|expired|cancelled|stopped|md5-error|
 *              interrupted|download (uploads also get data-md5 once hashed, data-node once stored,
 *              data-resumed-from when a tus upload continued, data-remembered on rows of uploads remembered from
 *              before a reload); buttons .transfer-pause (Pause / Resume) and .transfer-cancel; #transfer-clear
 *   Status   #status (role=status): its text is the latest message; data-kind=info|ok|error
 *   Dialogs  <dialog id="confirm-dialog"> #confirm-message #confirm-ok #confirm-cancel;
 *            <dialog id="props-dialog"> #props-list (dd[data-prop]) #props-close;
 *            <dialog id="move-dialog"> #move-crumbs, #move-folders (buttons .picker-folder[data-id][data-name]),
 *            #move-ok #move-cancel
 */

import { setSessionExpiredHandler, SESSION_EXPIRED_MESSAGE } from './api.js';
import { session } from './session.js';
import { notify, currentMessage } from './status.js';
import { closeDialogs, confirmDialog } from './dialogs.js';
import { Transfers } from './transfers.js';
import { refreshQuota } from './quota.js';
import { startStreaming } from './streaming.js';
import { initAuth, showAuth, showLoginError, resetLogin } from './views/login.js';
import { createFilesView } from './views/files.js';
import { createPublicView } from './views/public.js';
import { createRankingView } from './views/ranking.js';
import { createSearchView } from './views/search.js';
import { createTrashView } from './views/trash.js';
import { createLinksView } from './views/links.js';
import { createAdminView } from './views/admin.js';

const $ = (id) => document.getElementById(id);

const transfers = new Transfers({
    listEl: $('transfer-list'),
    countEl: $('transfer-count'),
    emptyEl: $('transfer-empty'),
    getSession: () => session.get(),
    notify,
    onStored: () => {
        files.scheduleReload();
        refreshQuota();
    },
});

const files = createFilesView({ transfers, onChanged: refreshQuota });
const admin = createAdminView({ onChanged: refreshQuota });
const views = new Map([
    files,
    createPublicView(transfers),
    createRankingView(),
    createSearchView({ showView }),
    createLinksView(),
    createTrashView({ onChanged: refreshQuota }),
    admin,
].map((v) => [v.name, v]));

/** Shows view `name` (its nav entry marked); `arg` tells the view what to show (e.g. {folder} for My files). */
function showView(name, arg) {
    const view = views.get(name) || files;
    for (const v of views.keys()) {
        $(`view-${v}`).hidden = v !== view.name;
        const nav = $(`nav-${v}`);
        if (!nav) continue;
        if (v === view.name) nav.setAttribute('aria-current', 'page');
        else nav.removeAttribute('aria-current');
    }
    document.title = `${view.title} · CloudDisk`;
    history.replaceState(null, '', `#${view.name}`);
    view.show(arg);
}

/** Opens the app at the address's view (#myfiles/<folder id>, #trash, ...). */
function enterApp(hash = '') {
    const s = session.get();
    if (!s) {
        showAuth('login');
        return;
    }
    $('auth-view').hidden = true;
    $('app-view').hidden = false;
    $('main-nav').hidden = false;
    $('search-form').hidden = false;
    $('account').hidden = false;
    $('current-user').textContent = s.user;
    $('nav-admin').hidden = true;
    const [name, folder] = hash.split('/');
    admin.available().then((yes) => {
        $('nav-admin').hidden = !yes;
        if (yes && name === 'admin') showView('admin'); // an administrator's address (reload, bookmark)
    });
    refreshQuota();
    transfers.showRemembered(s.user);
    showView(name === 'admin' ? 'myfiles' : name, folder ? { folder } : undefined);
}

/** Leaves the app: nothing of this user stays on screen for the next person at this browser. */
function leaveApp() {
    transfers.cancelAll();
    transfers.clearFinished();
    closeDialogs();
    files.reset();
    for (const list of document.querySelectorAll('#app-view tbody, #ranking-list, #admin-stats')) list.replaceChildren();
    $('quota').hidden = true;
    $('search-input').value = '';
}

setSessionExpiredHandler(() => {
    const wasLoggedIn = !$('app-view').hidden;
    leaveApp();
    session.clear();
    showAuth('login');
    if (wasLoggedIn || currentMessage() !== SESSION_EXPIRED_MESSAGE) notify(SESSION_EXPIRED_MESSAGE, 'error');
    showLoginError(SESSION_EXPIRED_MESSAGE);
});

async function logOut() {
    if (transfers.hasActive() && !await confirmDialog('Uploads are still in progress. Log out and cancel them?',
        { title: 'Log out', ok: 'Log out' })) return;
    leaveApp();
    session.clear();
    resetLogin();
    showAuth('login');
    notify('You are logged out.', 'info');
}

function wire() {
    initAuth(() => enterApp('myfiles'));
    $('logout').addEventListener('click', logOut);
    for (const name of views.keys()) $(`nav-${name}`)?.addEventListener('click', () => showView(name));
    $('transfer-clear').addEventListener('click', () => transfers.clearFinished());
    window.addEventListener('beforeunload', (e) => {
        if (transfers.hasRunning()) { // a paused upload continues after the reload: no need to ask
            e.preventDefault();
            e.returnValue = '';
        }
    });
    // Another tab logged in or out: follow it.
    window.addEventListener('storage', (e) => {
        if (!session.concerns(e)) return;
        if (session.get()) {
            if ($('app-view').hidden) enterApp('myfiles');
        } else if (!$('app-view').hidden) {
            leaveApp();
            showAuth('login');
            notify('You were logged out in another tab.', 'info');
        }
    });
}

function start() {
    wire();
    startStreaming();
    const hash = location.hash.replace(/^#/, '');
    if (session.get()) {
        enterApp(hash); // the token is checked by the first request: a refusal leads back to the login
    } else {
        showAuth(hash === 'register' ? 'register' : 'login');
    }
    if (!window.SparkMD5) {
        notify('The MD5 library (webjars/spark-md5) could not be loaded: log in and uploads will not work.', 'error');
    }
}

start();
