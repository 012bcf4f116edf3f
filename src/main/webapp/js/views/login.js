// The log in and registration screens (POST /login, POST /reg of PROTOCOL.md).

import { post, message } from '../api.js';
import { session } from '../session.js';
import { notify, reportError } from '../status.js';
import { charCount } from '../util.js';

const $ = (id) => document.getElementById(id);

/** Shows the log in (mode "login") or registration ("register") screen and hides the app. */
export function showAuth(mode) {
    $('app-view').hidden = true;
    $('main-nav').hidden = true;
    $('search-form').hidden = true;
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

export function showLoginError(text) {
    const el = $('login-error');
    el.textContent = text || '';
    el.hidden = !text;
}

/** Forgets what was typed into the log in form (log out). */
export function resetLogin() {
    $('login-password').value = '';
    showLoginError('');
}

// PROTOCOL.md: the password travels as the MD5 hex of what the person typed.
function md5Hex(text) {
    if (!window.SparkMD5 || typeof window.SparkMD5.hash !== 'function') {
        throw new Error('The MD5 library (webjars/spark-md5) could not be loaded. Please reload the page.');
    }
    return window.SparkMD5.hash(text);
}

async function onLogin(ev, onLoggedIn) {
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
            onLoggedIn();
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

function showRegError(text) {
    const regError = $('reg-error');
    regError.textContent = text;
    regError.hidden = !text;
    if (text) notify(text, 'error');
}

async function onRegister(ev) {
    ev.preventDefault();
    const firstBad = Object.keys(REG_RULES).filter((id) => !validateField(id))[0];
    if (firstBad) {
        showRegError('Please correct the highlighted fields.');
        $(firstBad).focus();
        return;
    }
    showRegError('');
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
        const code = (await post('reg', body)).code;
        if (code === '002') {
            $('reg-form').reset();
            for (const id of Object.keys(REG_RULES)) $(id).removeAttribute('aria-invalid');
            $('login-user').value = userName;
            resetLogin();
            showAuth('login');
            notify(message('reg', code), 'ok');
        } else {
            showRegError(code === '003' || code === '004' ? message('reg', code) : `Registration failed (code ${code ?? 'none'}).`);
            if (code === '003') $('reg-user').focus();
        }
    } catch (e) {
        $('reg-error').textContent = e.message;
        $('reg-error').hidden = false;
        reportError(e);
    } finally {
        btn.disabled = false;
    }
}

/** Wires the two forms; `onLoggedIn` opens the app once a token is stored. */
export function initAuth(onLoggedIn) {
    $('login-form').addEventListener('submit', (ev) => onLogin(ev, onLoggedIn));
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
}
