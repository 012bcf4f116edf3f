// Small DOM and formatting helpers. All text goes through textContent: never innerHTML.

/**
 * Creates an element: h('button', {class: 'x', dataset: {md5}, onclick}, 'text', childNode, ...).
 * Attributes with value null/undefined/false are skipped; `true` sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'dataset') {
            for (const [dk, dv] of Object.entries(v)) {
                if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
            }
        } else if (k.startsWith('on') && typeof v === 'function') {
            el.addEventListener(k.slice(2), v);
        } else if (k === 'class') {
            el.className = v;
        } else {
            el.setAttribute(k, v === true ? '' : String(v));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const c of children) {
        if (c === null || c === undefined || c === false) continue;
        if (Array.isArray(c)) append(el, c);
        else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 274666 -> "268.2 KB" (binary multiples, as desktop file managers show). */
export function formatSize(bytes) {
    let n = Number(bytes);
    if (!Number.isFinite(n) || n < 0) return '—';
    let i = 0;
    while (n >= 1024 && i < UNITS.length - 1) {
        n /= 1024;
        i++;
    }
    if (i === 0) return `${n} B`;
    return `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${UNITS[i]}`;
}

export function formatSpeed(bytesPerSecond) {
    if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '—';
    return `${formatSize(bytesPerSecond)}/s`;
}

export function formatDuration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) return '';
    seconds = Math.round(seconds);
    if (seconds < 60) return `${seconds}s`;
    const m = Math.floor(seconds / 60);
    if (m < 60) return `${m}m ${seconds % 60}s`;
    return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatNumber(n) {
    const v = Number(n);
    return Number.isFinite(v) ? v.toLocaleString() : '0';
}

/** "2020-05-10 21:35:25" -> "2020-05-10T21:35:25" for <time datetime>. */
export function isoTime(t) {
    return typeof t === 'string' ? t.replace(' ', 'T') : '';
}

const TYPE_GROUPS = [
    ['image', '🖼️', 'Image', ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff', 'heic', 'avif']],
    ['video', '🎬', 'Video', ['mp4', 'mkv', 'avi', 'mov', 'wmv', 'flv', 'webm', 'm4v', 'mpg', 'mpeg', 'rmvb', '3gp', 'ts']],
    ['audio', '🎵', 'Audio', ['mp3', 'wav', 'flac', 'aac', 'ogg', 'm4a', 'wma', 'opus', 'ape']],
    ['archive', '🗜️', 'Archive', ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'iso']],
    ['pdf', '📕', 'PDF document', ['pdf']],
    ['doc', '📝', 'Document', ['doc', 'docx', 'odt', 'rtf', 'txt', 'md', 'pages', 'epub']],
    ['sheet', '📊', 'Spreadsheet', ['xls', 'xlsx', 'csv', 'ods', 'numbers', 'tsv']],
    ['slides', '📽️', 'Presentation', ['ppt', 'pptx', 'odp', 'key']],
    ['code', '💻', 'Source code', ['js', 'mjs', 'ts', 'java', 'c', 'h', 'cpp', 'hpp', 'cs', 'py', 'rb', 'go', 'rs',
        'php', 'html', 'htm', 'css', 'json', 'xml', 'yml', 'yaml', 'sh', 'sql', 'kt', 'swift']],
    ['app', '⚙️', 'Program', ['exe', 'msi', 'dmg', 'apk', 'deb', 'rpm', 'appimage', 'jar', 'bin']],
];

/** The file's type: the server's `type`, else the lowercased extension of the name. */
export function fileType(item) {
    if (item && typeof item.type === 'string' && item.type) return item.type.toLowerCase();
    const name = item && item.filename ? String(item.filename) : '';
    const dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** {group, emoji, label} for a type such as "mp4". */
export function typeInfo(type) {
    for (const [group, emoji, label, exts] of TYPE_GROUPS) {
        if (exts.includes(type)) return { group, emoji, label };
    }
    return { group: 'other', emoji: '📄', label: type ? `${type.toUpperCase()} file` : 'File' };
}

/** A decorative icon for the file type (the name next to it carries the meaning). */
export function typeIcon(item) {
    const type = fileType(item);
    const info = typeInfo(type);
    return h('span', { class: `file-icon type-${info.group}`, 'aria-hidden': 'true', title: info.label }, info.emoji);
}

/** Number of Unicode code points (what "characters" means in the protocol). */
export function charCount(s) {
    return [...String(s)].length;
}
