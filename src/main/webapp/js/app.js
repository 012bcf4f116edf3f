/*
 * CloudDisk web client (ES module, no build step). Protocol: shared PROTOCOL.md.
 *
 * Stable hooks for end-to-end tests (ids unless noted):
 *   Auth     #auth-view, #login-form #login-user #login-password #login-submit #login-error,
 *            #reg-form #reg-user #reg-nick #reg-password #reg-password2 #reg-phone #reg-email #reg-submit
 *            #reg-error, per-field errors #reg-<field>-error (inputs get aria-invalid="true"),
 *            #show-register / #show-login (links), #logout, #current-user
 *   Views    #app-view; nav buttons #nav-myfiles #nav-public #nav-ranking (aria-current="page" on the
 *            active one); sections #view-myfiles #view-public #view-ranking
 *   My files #upload-input (<input type=file multiple>), #drop-zone, #sort-select (normal|pvasc|pvdesc),
 *            #refresh-myfiles, #myfiles-total, #myfiles-empty (empty state), #page-prev #page-next #page-info
 *            #file-list (tbody) rows: tr[data-filename][data-md5][data-shared="0|1"][data-pv]
 *              with .file-name, .badge-shared (only when shared), .size, .pv (number only), and buttons
 *              .act-download .act-share (not shared) | .act-cancel-share (shared) .act-props .act-delete
 *   Public   #public-list (tbody) rows: tr[data-filename][data-md5][data-user] with .pv and buttons
 *              .act-save .act-download .act-props (+ .act-cancel-share on one's own shares);
 *            #public-empty, #public-prev #public-next #public-page-info, #refresh-public
 *   Ranking  #ranking-list (ol) rows: li[data-filename][data-md5?][data-user?] with .rank and .pv
 *            (number only); #ranking-empty, #ranking-prev #ranking-next, #refresh-ranking
 *   Transfer #transfer-list rows: li[data-id][data-kind=upload|download][data-name][data-state][data-outcome]
 *              data-state: queued|hashing|uploading|done|failed|instant|cancelled
 *              data-outcome (when finished): stored|instant|exists|failed|network|expired|cancelled|md5-error|download
 *              (uploads also get data-md5 once hashed); button .transfer-cancel; #transfer-clear
 *   Status   #status (role=status): its text is the latest message; data-kind=info|ok|error
 *   Dialogs  <dialog id="confirm-dialog"> #confirm-message #confirm-ok #confirm-cancel;
 *            <dialog id="props-dialog"> #props-list (dd[data-prop=name|type|size|md5|time|pv|shared|user|url])
 *            #props-close
 */

import {
    post, get, asFileList, message, setSessionExpiredHandler, sessionExpired,
    SessionExpiredError, ServerError, SESSION_EXPIRED_MESSAGE,
} from './api.js';
import { h, formatSize, formatNumber, isoTime, typeIcon, typeInfo, fileType, charCount } from './util.js';
import { Transfers } from './transfers.js';

const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- session

const session = {
    get() {
        try {
            const user = localStorage.getItem('user');
            const token = localStorage.getItem('token');
            return user && token ? { user, token } : null;
        } catch (e) {
            return null;
        }
    },
    save(user, token) {
        localStorage.setItem('user', user);
        localStorage.setItem('token', token);
    },
    clear() {
        try {
            localStorage.removeItem('user');
            localStorage.removeItem('token');
        } catch (e) { /* private mode */ }
    },
};

// ---------------------------------------------------------------- status

let statusSeq = 0;

/** Shows the latest message in #status (role=status). kind: info | ok | error. */
function notify(text, kind = 'info') {
    const el = $('status');
    el.textContent = text;
    el.dataset.kind = kind;
    el.dataset.seq = String(++statusSeq);
    el.classList.remove('flash');
    void el.offsetWidth; // restart the highlight animation
    el.classList.add('flash');
}

/** Shows an error as a human message; session expiry and aborts were already handled. */
function reportError(e, prefix) {
    if (e instanceof SessionExpiredError || (e && e.name === 'AbortError')) return;
    const text = e && e.message ? e.message : String(e);
    notify(prefix ? `${prefix}: ${text}` : text, 'error');
}

// ---------------------------------------------------------------- transfers

const transfers = new Transfers({
    listEl: $('transfer-list'),
    countEl: $('transfer-count'),
    emptyEl: $('transfer-empty'),
    getSession: () => session.get(),
    notify,
    onStored: () => scheduleMyFilesReload(),
});

function onSessionExpired() {
    const wasLoggedIn = !$('app-view').hidden;
    transfers.cancelAll();
    session.clear();
    closeDialogs();
    showAuth('login');
    if (wasLoggedIn || $('status').textContent !== SESSION_EXPIRED_MESSAGE) {
        notify(SESSION_EXPIRED_MESSAGE, 'error');
    }
    showLoginError(SESSION_EXPIRED_MESSAGE);
}
setSessionExpiredHandler(onSessionExpired);

// ---------------------------------------------------------------- dialogs

function closeDialogs() {
    for (const d of document.querySelectorAll('dialog[open]')) d.close('cancel');
}

/** A modal confirmation (<dialog>, so tests can click #confirm-ok / #confirm-cancel). */
function confirmDialog(text, { title = 'Are you sure?', ok = 'OK', danger = true } = {}) {
    const dlg = $('confirm-dialog');
    if (dlg.open) dlg.close('cancel');
    const before = document.activeElement;
    $('confirm-title').textContent = title;
    $('confirm-message').textContent = text;
    $('confirm-ok').textContent = ok;
    $('confirm-ok').className = `btn ${danger ? 'btn-danger' : 'btn-primary'}`;
    dlg.returnValue = '';
    return new Promise((resolve) => {
        dlg.addEventListener('close', () => {
            resolve(dlg.returnValue === 'ok');
            if (before && before.isConnected && typeof before.focus === 'function') before.focus();
        }, { once: true });
        dlg.showModal();
        $('confirm-cancel').focus();
    });
}

function showProperties(item, scope) {
    const type = fileType(item);
    const info = typeInfo(type);
    const rows = [
        ['name', 'Name', item.filename],
        ['type', 'Type', type ? `${info.label} (.${type})` : info.label],
        ['size', 'Size', `${formatSize(item.size)} (${formatNumber(item.size)} bytes)`],
        ['md5', 'MD5', item.md5 || '—'],
        ['time', 'Time', item.time || '—'],
        ['pv', scope === 'mine' ? 'Your downloads' : 'Public downloads', formatNumber(item.pv)],
        ['shared', 'Shared', scope === 'mine' ? (Number(item.share_status) === 1 ? 'Yes, in the public files' : 'No') : 'Yes'],
        ['user', scope === 'mine' ? 'Owner' : 'Shared by', item.user || '—'],
    ];
    const dl = $('props-list');
    dl.replaceChildren();
    for (const [key, label, value] of rows) {
        dl.append(h('div', { class: 'prop' }, h('dt', null, label), h('dd', { dataset: { prop: key } }, value)));
    }
    const urlDd = h('dd', { dataset: { prop: 'url' } });
    if (item.url) urlDd.append(h('a', { href: item.url, download: item.filename, rel: 'noopener' }, item.url));
    else urlDd.textContent = '—';
    dl.append(h('div', { class: 'prop' }, h('dt', null, 'URL'), urlDd));
    const dlg = $('props-dialog');
    if (dlg.open) dlg.close();
    dlg.showModal();
    $('props-close').focus();
}

// ---------------------------------------------------------------- auth screens

function showAuth(mode) {
    $('app-view').hidden = true;
    $('main-nav').hidden = true;
    $('account').hidden = true;
    $('auth-view').hidden = false;
    const reg = mode === 'register';
    $('login-panel').hidden = reg;
    $('register-panel').hidden = !reg;
    $('auth-view').setAttribute('aria-labelledby', reg ? 'reg-title' : 'auth-title');
    document.title = reg ? 'Create an account · CloudDisk' : 'Log in · CloudDisk';
    history.replaceState(null, '', reg ? '#register' : '#login');
    const first = reg ? $('reg-user') : ($('login-user').value ? $('login-password') : $('login-user'));
    first.focus();
}

function showLoginError(text) {
    const el = $('login-error');
    el.textContent = text || '';
    el.hidden = !text;
}

function md5Hex(text) {
    if (!window.SparkMD5 || typeof window.SparkMD5.hash !== 'function') {
        throw new Error('The MD5 library (webjars/spark-md5) could not be loaded. Please reload the page.');
    }
    return window.SparkMD5.hash(text);
}

async function onLogin(ev) {
    ev.preventDefault();
    const user = $('login-user').value.trim();
    const typed = $('login-password').value;
    if (!user || !typed) {
        const text = !user ? 'Please enter your user name.' : 'Please enter your password.';
        showLoginError(text);
        notify(text, 'error');
        (!user ? $('login-user') : $('login-password')).focus();
        return;
    }
    showLoginError('');
    const btn = $('login-submit');
    btn.disabled = true;
    try {
        const ans = await post('login', { user, password: md5Hex(typed) });
        if (ans && ans.code === '000' && ans.token) {
            session.save(user, ans.token);
            $('login-password').value = '';
            notify(`Welcome, ${user}!`, 'ok');
            enterApp('myfiles');
        } else {
            const code = ans && ans.code;
            const text = code === '001' ? message('login', code) : `Log in failed (code ${code ?? 'none'}).`;
            showLoginError(text);
            notify(text, 'error');
            $('login-password').select();
        }
    } catch (e) {
        showLoginError(e.message);
        reportError(e);
    } finally {
        btn.disabled = false;
    }
}

// Validation rules of PROTOCOL.md (POST /reg).
const REG_RULES = {
    'reg-user': (v) => (!v ? 'Please choose a user name.'
        : !/^[A-Za-z0-9_.-]{3,32}$/.test(v) ? 'Use 3 to 32 letters, digits, “_”, “.” or “-” (no spaces).' : ''),
    'reg-nick': (v) => (charCount(v) < 1 ? 'Please enter a nickname.'
        : charCount(v) > 32 ? 'The nickname can have at most 32 characters.'
            : /[\u0000-\u001f\u007f]/.test(v) ? 'The nickname cannot contain control characters.' : ''),
    'reg-password': (v) => (v.length < 1 ? 'Please choose a password.'
        : v.length > 128 ? 'The password can have at most 128 characters.' : ''),
    'reg-password2': (v) => (v !== $('reg-password').value ? 'The two passwords are not the same.' : ''),
    'reg-phone': (v) => (v === '' || /^[0-9+ -]{5,20}$/.test(v) ? ''
        : 'Leave it empty, or use 5 to 20 digits, spaces, “+” or “-”.'),
    'reg-email': (v) => (v === '' ? ''
        : v.length > 64 ? 'The email address can have at most 64 characters.'
            : !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v) ? 'Please enter a valid email address, like name@example.com.' : ''),
};

function regValue(id) {
    const v = $(id).value;
    return id === 'reg-password' || id === 'reg-password2' || id === 'reg-nick' ? v : v.trim();
}

/** Validates one field, shows or clears its inline message; returns true when valid. */
function validateField(id) {
    const text = REG_RULES[id](regValue(id));
    const input = $(id);
    const err = $(`${id}-error`);
    err.textContent = text;
    err.hidden = !text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return !text;
}

async function onRegister(ev) {
    ev.preventDefault();
    let firstBad = null;
    for (const id of Object.keys(REG_RULES)) {
        if (!validateField(id) && !firstBad) firstBad = id;
    }
    const regError = $('reg-error');
    if (firstBad) {
        regError.textContent = 'Please correct the highlighted fields.';
        regError.hidden = false;
        notify('Please correct the highlighted fields.', 'error');
        $(firstBad).focus();
        return;
    }
    regError.hidden = true;
    const userName = regValue('reg-user');
    const body = {
        userName,
        nickName: regValue('reg-nick'),
        password: md5Hex($('reg-password').value),
        phone: regValue('reg-phone'),
        email: regValue('reg-email'),
    };
    const btn = $('reg-submit');
    btn.disabled = true;
    try {
        const ans = await post('reg', body);
        const code = ans && ans.code;
        if (code === '002') {
            $('reg-form').reset();
            for (const id of Object.keys(REG_RULES)) $(id).removeAttribute('aria-invalid');
            $('login-user').value = userName;
            $('login-password').value = '';
            showLoginError('');
            showAuth('login');
            notify(message('reg', code), 'ok');
        } else {
            const text = code === '003' || code === '004' ? message('reg', code) : `Registration failed (code ${code ?? 'none'}).`;
            regError.textContent = text;
            regError.hidden = false;
            notify(text, 'error');
            if (code === '003') $('reg-user').focus();
        }
    } catch (e) {
        regError.textContent = e.message;
        regError.hidden = false;
        reportError(e);
    } finally {
        btn.disabled = false;
    }
}

// ---------------------------------------------------------------- app shell and views

const VIEWS = ['myfiles', 'public', 'ranking'];
let currentView = null;

function enterApp(view) {
    const s = session.get();
    if (!s) {
        showAuth('login');
        return;
    }
    $('auth-view').hidden = true;
    $('app-view').hidden = false;
    $('main-nav').hidden = false;
    $('account').hidden = false;
    $('current-user').textContent = s.user;
    currentView = null;
    showView(VIEWS.includes(view) ? view : 'myfiles');
}

function showView(view) {
    currentView = view;
    for (const v of VIEWS) {
        $(`view-${v}`).hidden = v !== view;
        const nav = $(`nav-${v}`);
        if (v === view) nav.setAttribute('aria-current', 'page');
        else nav.removeAttribute('aria-current');
    }
    const titles = { myfiles: 'My files', public: 'Public files', ranking: 'Download ranking' };
    document.title = `${titles[view]} · CloudDisk`;
    history.replaceState(null, '', `#${view}`);
    if (view === 'myfiles') loadMyFiles();
    else if (view === 'public') loadPublic();
    else loadRanking();
}

function renderPager(prefix, infoId, page, total, what) {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $(`${prefix}-pager`).hidden = total <= PAGE_SIZE;
    $(infoId).textContent = `Page ${page + 1} of ${pages} · ${formatNumber(total)} ${what}`;
    return pages;
}

function setLoading(id, on) {
    $(id).hidden = !on;
}

/** Clamps `st.page` to the pages that `total` items make. */
function clampPage(st) {
    const pages = Math.max(1, Math.ceil(st.total / PAGE_SIZE));
    if (st.page > pages - 1) st.page = pages - 1;
    if (st.page < 0) st.page = 0;
}

function row(attrs, ...cells) {
    return h('tr', attrs, ...cells);
}

function cell(label, cls, ...content) {
    return h('td', { class: cls, dataset: label ? { label } : null }, ...content);
}

function actionButton(cls, text, name, label = `${text} ${name}`) {
    return h('button', { type: 'button', class: `btn btn-small ${cls}`, 'aria-label': label, title: label }, text);
}

function nameCell(item, badge) {
    return cell(null, 'col-name',
        h('span', { class: 'file-name', title: item.filename }, item.filename),
        badge ? h('span', { class: 'badge badge-shared', title: 'In the public files' }, 'shared') : null);
}

function timeCell(item) {
    return cell('Time', 'time', item.time ? h('time', { datetime: isoTime(item.time) }, item.time) : '—');
}

// ---------------------------------------------------------------- my files

const mine = { sort: 'normal', page: 0, total: 0, items: [], seq: 0 };
let reloadTimer = 0;

function scheduleMyFilesReload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
        if (currentView === 'myfiles' && session.get()) loadMyFiles();
    }, 300);
}

async function loadMyFiles() {
    const s = session.get();
    if (!s) return;
    const seq = ++mine.seq;
    setLoading('myfiles-loading', true);
    try {
        const c = await post('myfiles?cmd=count', { user: s.user, token: s.token });
        if (!c || c.code !== '110') throw new ServerError(`Could not count your files (code ${c && c.code ? c.code : 'none'}). Please try again.`);
        mine.total = Math.max(0, parseInt(c.num, 10) || 0);
        clampPage(mine);
        let items = asFileList(await post(`myfiles?cmd=${mine.sort}`,
            { user: s.user, token: s.token, start: mine.page * PAGE_SIZE, count: PAGE_SIZE }), 'your files');
        if (items.length === 0 && mine.page > 0) {
            // Files were deleted elsewhere meanwhile: show the last page that has some.
            mine.page = 0;
            items = asFileList(await post(`myfiles?cmd=${mine.sort}`,
                { user: s.user, token: s.token, start: 0, count: PAGE_SIZE }), 'your files');
        }
        if (seq !== mine.seq) return;
        mine.items = items;
        renderMyFiles();
    } catch (e) {
        if (seq === mine.seq) reportError(e);
    } finally {
        if (seq === mine.seq) setLoading('myfiles-loading', false);
    }
}

function renderMyFiles() {
    const tbody = $('file-list');
    const items = mine.items;
    tbody.replaceChildren(...items.map((item, i) => {
        const shared = Number(item.share_status) === 1;
        return row({ class: 'file-row', dataset: { index: i, filename: item.filename, md5: item.md5, shared: shared ? 1 : 0, pv: item.pv ?? 0 } },
            cell(null, 'col-icon', typeIcon(item)),
            nameCell(item, shared),
            cell('Size', 'col-num size', formatSize(item.size)),
            timeCell(item),
            cell('Downloads', 'col-num', h('span', { class: 'pv' }, String(item.pv ?? 0))),
            cell(null, 'col-actions', h('div', { class: 'actions' },
                actionButton('act-download', 'Download', item.filename),
                shared
                    ? actionButton('act-cancel-share', 'Unshare', item.filename)
                    : actionButton('act-share', 'Share', item.filename),
                actionButton('act-props', 'Properties', item.filename),
                actionButton('act-delete btn-danger-text', 'Delete', item.filename))));
    }));
    const empty = mine.total === 0 && items.length === 0;
    $('myfiles-empty').hidden = !empty;
    $('myfiles-table').hidden = empty;
    $('myfiles-total').textContent = formatNumber(mine.total);
    const pages = renderPager('myfiles', 'page-info', mine.page, mine.total, mine.total === 1 ? 'file' : 'files');
    $('page-prev').disabled = mine.page <= 0;
    $('page-next').disabled = mine.page >= pages - 1;
}

/** Runs `fn` with the clicked button disabled, so a double click sends one request. */
async function busy(btn, fn) {
    if (btn.disabled) return;
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    try {
        await fn();
    } catch (e) {
        reportError(e);
    } finally {
        btn.disabled = false;
        btn.removeAttribute('aria-busy');
    }
}

function bodyFor(item) {
    const s = session.get();
    if (!s) throw sessionExpired();
    return { user: s.user, token: s.token, md5: item.md5, filename: item.filename };
}

async function onMyFilesClick(ev) {
    const btn = ev.target.closest('button');
    const tr = ev.target.closest('tr[data-index]');
    if (!btn || !tr) return;
    const item = mine.items[Number(tr.dataset.index)];
    if (!item) return;
    const name = `“${item.filename}”`;
    if (btn.classList.contains('act-download')) {
        await busy(btn, () => download(item, 'mine'));
    } else if (btn.classList.contains('act-props')) {
        showProperties(item, 'mine');
    } else if (btn.classList.contains('act-share')) {
        await busy(btn, async () => {
            const code = (await post('dealfile?cmd=share', bodyFor(item))).code;
            notify(`${name} ${message('share', code)}`, code === '010' ? 'ok' : code === '012' ? 'info' : 'error');
            if (code === '010' || code === '012') await loadMyFiles();
        });
    } else if (btn.classList.contains('act-cancel-share')) {
        await busy(btn, () => cancelShare(item, loadMyFiles));
    } else if (btn.classList.contains('act-delete')) {
        const ok = await confirmDialog(`Delete ${name} (${formatSize(item.size)}) from your files?` +
            (Number(item.share_status) === 1 ? ' It is also removed from the public files.' : '') +
            ' This cannot be undone.', { title: 'Delete file', ok: 'Delete' });
        if (!ok) {
            notify(`${name} was not deleted.`, 'info');
            return;
        }
        await busy(btn, async () => {
            const code = (await post('dealfile?cmd=del', bodyFor(item))).code;
            notify(`${name} ${message('del', code)}`, code === '013' ? 'ok' : 'error');
            if (code === '013') await loadMyFiles();
        });
    }
}

async function cancelShare(item, reload) {
    const code = (await post('dealsharefile?cmd=cancel', bodyFor(item))).code;
    notify(`“${item.filename}” ${message('cancel', code)}`, code === '018' ? 'ok' : 'error');
    if (code === '018') await reload();
}

// ---------------------------------------------------------------- download

/**
 * Downloads through a real link (<a href=url download=name>), so the browser streams big files
 * to disk, then counts it with the pv call of the list it came from.
 */
async function download(item, scope) {
    if (!item.url) {
        notify(`“${item.filename}” has no download address.`, 'error');
        return;
    }
    const a = h('a', { href: item.url, download: item.filename, rel: 'noopener', hidden: true });
    try {
        if (new URL(item.url, location.href).origin !== location.origin) a.target = '_blank';
    } catch (e) { /* relative or odd url: same origin */ }
    document.body.append(a);
    a.click();
    a.remove();
    const note = transfers.addDownload(item.filename, item.size);
    notify(`Downloading “${item.filename}” (${formatSize(item.size)})…`, 'info');

    const path = scope === 'mine' ? 'dealfile?cmd=pv' : 'dealsharefile?cmd=pv';
    const s = session.get();
    const body = { user: s ? s.user : '', token: s ? s.token : '', md5: item.md5, filename: item.filename };
    let code;
    try {
        code = (await post(path, body)).code;
    } catch (e) {
        note('not counted');
        throw e;
    }
    if (code === '016') {
        item.pv = (Number(item.pv) || 0) + 1;
        note('counted');
        updatePv(scope === 'mine' ? 'file-list' : 'public-list', item);
    } else {
        note('not counted');
        notify(`“${item.filename}”: ${message('pv', code)}`, 'error');
    }
}

function updatePv(listId, item) {
    for (const tr of $(listId).querySelectorAll('tr[data-md5]')) {
        if (tr.dataset.md5 === item.md5 && tr.dataset.filename === item.filename) {
            tr.dataset.pv = String(item.pv);
            const pv = tr.querySelector('.pv');
            if (pv) pv.textContent = String(item.pv);
        }
    }
}

// ---------------------------------------------------------------- public files

const pub = { page: 0, total: 0, items: [], seq: 0 };
const rank = { page: 0, total: 0, items: [], seq: 0 };

async function shareCount() {
    const n = await get('sharefiles?cmd=count');
    const v = typeof n === 'object' && n !== null ? (n.num ?? n.count) : n;
    if (v === undefined || !Number.isFinite(Number(v))) {
        throw new ServerError(`Could not count the public files (code ${n && n.code ? n.code : 'none'}).`);
    }
    return Math.max(0, Number(v));
}

async function loadPublic() {
    const seq = ++pub.seq;
    setLoading('public-loading', true);
    try {
        pub.total = await shareCount();
        clampPage(pub);
        const items = asFileList(await post('sharefiles?cmd=normal', { start: pub.page * PAGE_SIZE, count: PAGE_SIZE }), 'the public files');
        if (seq !== pub.seq) return;
        pub.items = items;
        renderPublic();
    } catch (e) {
        if (seq === pub.seq) reportError(e);
    } finally {
        if (seq === pub.seq) setLoading('public-loading', false);
    }
}

function renderPublic() {
    const s = session.get();
    const me = s ? s.user : null;
    $('public-list').replaceChildren(...pub.items.map((item, i) => row(
        { class: 'file-row', dataset: { index: i, filename: item.filename, md5: item.md5, user: item.user ?? '', pv: item.pv ?? 0 } },
        cell(null, 'col-icon', typeIcon(item)),
        nameCell(item, false),
        cell('Shared by', 'owner', h('span', { class: 'owner-name' }, item.user ?? '—'), item.user === me ? h('span', { class: 'badge' }, 'you') : null),
        cell('Size', 'col-num size', formatSize(item.size)),
        timeCell(item),
        cell('Downloads', 'col-num', h('span', { class: 'pv' }, String(item.pv ?? 0))),
        cell(null, 'col-actions', h('div', { class: 'actions' },
            actionButton('act-download', 'Download', item.filename),
            actionButton('act-save', 'Save', item.filename, `Save ${item.filename} to my files`),
            actionButton('act-props', 'Properties', item.filename),
            item.user === me ? actionButton('act-cancel-share', 'Unshare', item.filename) : null)))));
    const empty = pub.total === 0 && pub.items.length === 0;
    $('public-empty').hidden = !empty;
    $('public-table').hidden = empty;
    $('public-total').textContent = formatNumber(pub.total);
    const pages = renderPager('public', 'public-page-info', pub.page, pub.total, pub.total === 1 ? 'file' : 'files');
    $('public-prev').disabled = pub.page <= 0;
    $('public-next').disabled = pub.page >= pages - 1;
}

async function onPublicClick(ev) {
    const btn = ev.target.closest('button');
    const tr = ev.target.closest('tr[data-index]');
    if (!btn || !tr) return;
    const item = pub.items[Number(tr.dataset.index)];
    if (!item) return;
    if (btn.classList.contains('act-download')) {
        await busy(btn, () => download(item, 'public'));
    } else if (btn.classList.contains('act-props')) {
        showProperties(item, 'public');
    } else if (btn.classList.contains('act-save')) {
        await busy(btn, async () => {
            const code = (await post('dealsharefile?cmd=save', bodyFor(item))).code;
            notify(`“${item.filename}” ${message('save', code)}`, code === '020' ? 'ok' : code === '021' ? 'info' : 'error');
        });
    } else if (btn.classList.contains('act-cancel-share')) {
        await busy(btn, () => cancelShare(item, loadPublic));
    }
}

// ---------------------------------------------------------------- ranking

async function loadRanking() {
    const seq = ++rank.seq;
    setLoading('ranking-loading', true);
    try {
        rank.total = await shareCount();
        clampPage(rank);
        const items = asFileList(await post('sharefiles?cmd=pvdesc', { start: rank.page * PAGE_SIZE, count: PAGE_SIZE }), 'the ranking');
        if (seq !== rank.seq) return;
        rank.items = items;
        renderRanking();
    } catch (e) {
        if (seq === rank.seq) reportError(e);
    } finally {
        if (seq === rank.seq) setLoading('ranking-loading', false);
    }
}

function renderRanking() {
    const ol = $('ranking-list');
    const first = rank.page * PAGE_SIZE + 1;
    ol.setAttribute('start', String(first));
    ol.replaceChildren(...rank.items.map((item, i) => {
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
    const empty = rank.items.length === 0 && rank.total === 0;
    $('ranking-empty').hidden = !empty;
    ol.hidden = empty;
    const pages = renderPager('ranking', 'ranking-page-info', rank.page, rank.total, rank.total === 1 ? 'file' : 'files');
    $('ranking-prev').disabled = rank.page <= 0;
    $('ranking-next').disabled = rank.page >= pages - 1;
}

// ---------------------------------------------------------------- upload input and drag and drop

function filesFromDrop(dt) {
    const out = [];
    if (dt.items && dt.items.length) {
        for (const it of dt.items) {
            if (it.kind !== 'file') continue;
            const entry = typeof it.webkitGetAsEntry === 'function' ? it.webkitGetAsEntry() : null;
            if (entry && entry.isDirectory) continue; // folders are not supported
            const f = it.getAsFile();
            if (f) out.push(f);
        }
        return out;
    }
    return [...(dt.files || [])];
}

function setupDropZone() {
    const zone = $('view-myfiles');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
    zone.addEventListener('dragenter', (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth++;
        $('drop-zone').classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => {
        depth = Math.max(0, depth - 1);
        if (depth === 0) $('drop-zone').classList.remove('dragging');
    });
    zone.addEventListener('dragover', (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
    });
    zone.addEventListener('drop', (e) => {
        e.preventDefault();
        depth = 0;
        $('drop-zone').classList.remove('dragging');
        const files = filesFromDrop(e.dataTransfer);
        if (files.length) startUploads(files);
        else notify('Only files can be uploaded (not folders).', 'error');
    });
    // A file dropped anywhere else must not make the browser leave the app to open it.
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => e.preventDefault());
}

function startUploads(files) {
    if (!session.get()) {
        onSessionExpired();
        return;
    }
    const list = [...files];
    if (!list.length) return;
    notify(list.length === 1 ? `Uploading “${list[0].name}”…` : `Uploading ${list.length} files…`, 'info');
    transfers.addUploads(list);
}

// ---------------------------------------------------------------- wiring

function wire() {
    $('login-form').addEventListener('submit', onLogin);
    $('reg-form').addEventListener('submit', onRegister);
    for (const id of Object.keys(REG_RULES)) {
        const input = $(id);
        // Inline validation: on leaving a field, then live once it has been marked.
        input.addEventListener('blur', () => {
            if (input.value !== '' || input.hasAttribute('aria-invalid')) validateField(id);
        });
        input.addEventListener('input', () => {
            if (input.hasAttribute('aria-invalid')) validateField(id);
            if (id === 'reg-password' && $('reg-password2').value) validateField('reg-password2');
        });
    }
    $('show-register').addEventListener('click', (e) => {
        e.preventDefault();
        showAuth('register');
    });
    $('show-login').addEventListener('click', (e) => {
        e.preventDefault();
        showAuth('login');
    });
    $('logout').addEventListener('click', async () => {
        if (transfers.hasActive()) {
            const ok = await confirmDialog('Uploads are still in progress. Log out and cancel them?',
                { title: 'Log out', ok: 'Log out' });
            if (!ok) return;
        }
        transfers.cancelAll();
        // The next person at this browser must not see these.
        transfers.clearFinished();
        mine.items = [];
        $('file-list').replaceChildren();
        session.clear();
        $('login-password').value = '';
        showLoginError('');
        showAuth('login');
        notify('You are logged out.', 'info');
    });
    for (const v of VIEWS) $(`nav-${v}`).addEventListener('click', () => showView(v));

    $('sort-select').addEventListener('change', (e) => {
        mine.sort = e.target.value;
        mine.page = 0;
        loadMyFiles();
    });
    $('refresh-myfiles').addEventListener('click', () => loadMyFiles());
    $('refresh-public').addEventListener('click', () => loadPublic());
    $('refresh-ranking').addEventListener('click', () => loadRanking());
    $('page-prev').addEventListener('click', () => { mine.page--; loadMyFiles(); });
    $('page-next').addEventListener('click', () => { mine.page++; loadMyFiles(); });
    $('public-prev').addEventListener('click', () => { pub.page--; loadPublic(); });
    $('public-next').addEventListener('click', () => { pub.page++; loadPublic(); });
    $('ranking-prev').addEventListener('click', () => { rank.page--; loadRanking(); });
    $('ranking-next').addEventListener('click', () => { rank.page++; loadRanking(); });

    $('file-list').addEventListener('click', onMyFilesClick);
    $('public-list').addEventListener('click', onPublicClick);

    $('upload-input').addEventListener('change', (e) => {
        const files = [...e.target.files];
        e.target.value = ''; // the same file can be picked again
        startUploads(files);
    });
    setupDropZone();
    $('transfer-clear').addEventListener('click', () => transfers.clearFinished());

    window.addEventListener('beforeunload', (e) => {
        if (transfers.hasActive()) {
            e.preventDefault();
            e.returnValue = '';
        }
    });
    // Another tab logged in or out: follow it.
    window.addEventListener('storage', (e) => {
        if (e.key !== 'token' && e.key !== 'user') return;
        if (session.get()) {
            if ($('app-view').hidden) enterApp('myfiles');
        } else if (!$('app-view').hidden) {
            transfers.cancelAll();
            showAuth('login');
            notify('You were logged out in another tab.', 'info');
        }
    });
}

function start() {
    wire();
    const hash = location.hash.replace(/^#/, '');
    if (session.get()) {
        enterApp(hash); // the token is checked by the first request: 111 leads back to the login
    } else {
        showAuth(hash === 'register' ? 'register' : 'login');
    }
    if (!window.SparkMD5) {
        notify('The MD5 library (webjars/spark-md5) could not be loaded: log in and uploads will not work.', 'error');
    }
}

start();
