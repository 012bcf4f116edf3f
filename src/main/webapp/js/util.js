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
    if (i === 0) return `${Math.round(n)} B`;
    return `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${UNITS[i]}`;
}

/**
 * "10 MB", "1.5 GB", "2048" (bytes) -> bytes, with the binary multiples formatSize shows; '' -> null
 * (no limit); NaN when it cannot be read.
 */
export function parseSize(text) {
    const t = String(text).trim();
    if (!t) return null;
    const m = /^(\d+(?:\.\d+)?)\s*([KMGTP]?B?)$/i.exec(t);
    if (!m) return NaN;
    const unit = m[2].toUpperCase().replace(/^([KMGTP])$/, '$1B') || 'B';
    return Math.round(Number(m[1]) * 1024 ** UNITS.indexOf(unit));
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
    ['image', '#2e9d5b', 'Image', ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff', 'heic', 'avif']],
    ['video', '#8e44ad', 'Video', ['mp4', 'mkv', 'avi', 'mov', 'wmv', 'flv', 'webm', 'm4v', 'mpg', 'mpeg', 'rmvb', '3gp', 'ts']],
    ['audio', '#d35400', 'Audio', ['mp3', 'wav', 'flac', 'aac', 'ogg', 'm4a', 'wma', 'opus', 'ape']],
    ['archive', '#7f6a00', 'Archive', ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'iso']],
    ['pdf', '#c0392b', 'PDF document', ['pdf']],
    ['doc', '#2f6fde', 'Document', ['doc', 'docx', 'odt', 'rtf', 'txt', 'md', 'pages', 'epub']],
    ['sheet', '#1e8449', 'Spreadsheet', ['xls', 'xlsx', 'csv', 'ods', 'numbers', 'tsv']],
    ['slides', '#e67e22', 'Presentation', ['ppt', 'pptx', 'odp', 'key']],
    ['code', '#34495e', 'Source code', ['js', 'mjs', 'ts', 'java', 'c', 'h', 'cpp', 'hpp', 'cs', 'py', 'rb', 'go', 'rs',
        'php', 'html', 'htm', 'css', 'json', 'xml', 'yml', 'yaml', 'sh', 'sql', 'kt', 'swift']],
    ['app', '#5d6d7e', 'Program', ['exe', 'msi', 'dmg', 'apk', 'deb', 'rpm', 'appimage', 'jar', 'bin']],
];

/** The file's type: the server's `type`, else the lowercased extension of the name. */
export function fileType(item) {
    if (item && typeof item.type === 'string' && item.type) return item.type.toLowerCase();
    const name = item ? String(item.filename ?? item.name ?? '') : '';
    const dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** {group, color, label} for a type such as "mp4". */
export function typeInfo(type) {
    for (const [group, color, label, exts] of TYPE_GROUPS) {
        if (exts.includes(type)) return { group, color, label };
    }
    return { group: 'other', color: '#7b8494', label: type ? `${type.toUpperCase()} file` : 'File' };
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    return el;
}

/**
 * A decorative inline-SVG icon: a page coloured by kind of file with its extension on it
 * (no image files, no emoji font needed). The name next to it carries the meaning.
 */
export function typeIcon(item) {
    const type = fileType(item);
    const info = typeInfo(type);
    const icon = svg('svg', { viewBox: '0 0 32 40', width: 28, height: 35, 'aria-hidden': 'true', focusable: 'false', class: 'type-svg' });
    icon.append(
        svg('path', { d: 'M3 1h18l8 8v28a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2z', fill: info.color }),
        svg('path', { d: 'M21 1v6a2 2 0 0 0 2 2h6z', fill: '#ffffff', 'fill-opacity': '0.45' }));
    const label = (type || '').slice(0, 4).toUpperCase();
    if (label) {
        const t = svg('text', { x: 15, y: 30, 'text-anchor': 'middle', 'font-size': label.length > 3 ? 7.5 : 9,
            'font-weight': 700, 'font-family': 'system-ui, sans-serif', fill: '#ffffff' });
        t.textContent = label;
        icon.append(t);
    }
    return h('span', { class: `file-icon type-${info.group}`, title: info.label }, icon);
}

/** The decorative icon of a folder, the same size as typeIcon's. */
export function folderIcon() {
    const icon = svg('svg', { viewBox: '0 0 32 40', width: 28, height: 35, 'aria-hidden': 'true', focusable: 'false', class: 'type-svg' });
    icon.append(svg('path', { d: 'M1 10a2 2 0 0 1 2-2h9l3 3h14a2 2 0 0 1 2 2v18a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2z', fill: '#e0a526' }));
    return h('span', { class: 'file-icon type-folder', title: 'Folder' }, icon);
}

/** Number of Unicode code points (what "characters" means in the protocol). */
export function charCount(s) {
    return [...String(s)].length;
}
