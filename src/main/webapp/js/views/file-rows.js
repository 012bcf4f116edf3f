// What the folder view shows of each node: its row in the list and its properties dialog.

import { showProperties } from '../dialogs.js';
import { stepsTo, pathText } from '../paths.js';
import { previewKind } from '../preview.js';
import { h, formatSize, formatNumber, typeIcon, folderIcon, typeInfo, fileType } from '../util.js';
import { cell, actionButton, nameCell, timeCell, formatTime } from '../table.js';

export function isFolder(node) {
    return node.kind === 'folder';
}

/** The node's row: its selection box, icon or thumbnail, name, size, time, downloads and actions. */
export function fileRow(node, selected, thumbnails) {
    const folderRow = isFolder(node);
    const name = node.name;
    return h('tr', {
        class: `file-row${folderRow ? ' drop-target' : ''}`, draggable: 'true',
        dataset: {
            id: node.id, kind: node.kind, name,
            filename: folderRow ? null : name, md5: node.md5, shared: folderRow ? null : (node.shared ? 1 : 0),
            pv: node.downloads, selected: selected.has(node.id) ? 1 : 0,
        },
    },
    cell(null, 'col-select', h('input', { type: 'checkbox', class: 'select', 'aria-label': `Select ${name}`,
        checked: selected.has(node.id) })),
    cell(null, 'col-icon', folderRow ? folderIcon() : thumbnails.icon(node, typeIcon(node))),
    folderRow
        ? cell(null, 'col-name', h('button', { type: 'button', class: 'link open-folder', title: `Open ${name}` }, name))
        : nameCell(name, node.shared, !!previewKind(node)),
    cell('Size', 'col-num size', folderRow ? '—' : formatSize(node.size)),
    timeCell('Modified', node.modified),
    cell('Downloads', 'col-num', folderRow ? '' : h('span', { class: 'pv' }, String(node.downloads ?? 0))),
    cell(null, 'col-actions', h('div', { class: 'actions' },
        folderRow ? null : actionButton('act-download', 'Download', name),
        folderRow ? null : node.shared
            ? actionButton('act-cancel-share', 'Unshare', name)
            : actionButton('act-share', 'Share', name, `Share ${name} in the public files`),
        actionButton('act-link', 'Link…', name, `Create a share link to ${name}`),
        actionButton('act-rename', 'Rename', name),
        actionButton('act-move', 'Move…', name, `Move ${name} to another folder`),
        actionButton('act-props', 'Properties', name),
        actionButton('act-delete btn-danger-text', 'Delete', name))));
}

/** The node's properties; `here` is the folder on screen, with its path. */
export function showNodeProperties(node, here) {
    const type = fileType(node);
    const info = typeInfo(type);
    const rows = [
        ['name', 'Name', node.name],
        ['type', 'Type', isFolder(node) ? 'Folder' : type ? `${info.label} (.${type})` : info.label],
        ['location', 'Location', pathText(stepsTo(here))],
        ['created', 'Created', formatTime(node.created)],
        ['modified', 'Modified', formatTime(node.modified)],
    ];
    if (!isFolder(node)) {
        rows.push(
            ['size', 'Size', `${formatSize(node.size)} (${formatNumber(node.size)} bytes)`],
            ['md5', 'MD5', node.md5],
            ['pv', 'Your downloads', formatNumber(node.downloads)],
            ['shared', 'Shared', node.shared ? 'Yes, in the public files' : 'No']);
    }
    showProperties(isFolder(node) ? 'Folder properties' : 'File properties', rows);
}
