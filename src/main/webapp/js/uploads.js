// Uploads into the folder on screen, folders included: a dropped or chosen directory keeps its structure (its
// folders are created through the v2 API, then each file is uploaded into its own).

import { drive, ProblemError } from './v2.js';

/** A file to upload and the folder names on its way down from the folder it is dropped into. */
const entry = (file, dirs) => ({ file, dirs });

/** The files of an <input type=file> (with webkitdirectory, webkitRelativePath names the folders). */
export function filesOfInput(input) {
    return [...input.files].map((file) => entry(file, (file.webkitRelativePath || '').split('/').slice(0, -1)));
}

function readAll(reader) {
    // readEntries answers in batches (100 in Chromium) until an empty one.
    return new Promise((resolve, reject) => {
        const all = [];
        const next = () => reader.readEntries((batch) => {
            if (!batch.length) resolve(all);
            else {
                all.push(...batch);
                next();
            }
        }, reject);
        next();
    });
}

async function walk(fsEntry, dirs, out) {
    if (fsEntry.isFile) {
        out.push(entry(await new Promise((resolve, reject) => fsEntry.file(resolve, reject)), dirs));
    } else if (fsEntry.isDirectory) {
        for (const child of await readAll(fsEntry.createReader())) await walk(child, [...dirs, fsEntry.name], out);
    }
}

/** The files of a drop, walking dropped folders. The entries must be taken before the drop event returns. */
export function filesOfDrop(dataTransfer) {
    const entries = [...(dataTransfer.items || [])]
        .filter((it) => it.kind === 'file')
        .map((it) => (typeof it.webkitGetAsEntry === 'function' ? it.webkitGetAsEntry() : null));
    if (!entries.length || entries.some((e) => !e)) {
        return Promise.resolve([...(dataTransfer.files || [])].map((file) => entry(file, [])));
    }
    return (async () => {
        const out = [];
        for (const e of entries) await walk(e, [], out);
        return out;
    })();
}

/** The id of the folder `name` in `parentId`: created, or the one already there. */
async function folderIn(parentId, name) {
    try {
        return (await drive.createFolder(parentId, name)).id;
    } catch (e) {
        if (!(e instanceof ProblemError && e.code === 'name_conflict')) throw e;
        const page = await drive.children(parentId, { sort: 'name', limit: 1000 });
        const existing = page.items.find((n) => n.kind === 'folder' && n.name === name);
        if (!existing) throw e; // a file holds the name
        return existing.id;
    }
}

/**
 * Creates the folders `entries` name under `folderId` (each once) and answers the uploads:
 * [{file, folder: id}].
 */
export async function placeEntries(folderId, entries) {
    const made = new Map([['', folderId]]);
    const uploads = [];
    for (const { file, dirs } of entries) {
        let path = '';
        for (const dir of dirs) {
            const parent = made.get(path);
            path += `/${dir}`;
            if (!made.has(path)) made.set(path, await folderIn(parent, dir));
        }
        uploads.push({ file, folder: made.get(path) });
    }
    return uploads;
}
