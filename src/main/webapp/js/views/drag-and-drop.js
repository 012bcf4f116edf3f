// Drag and drop in the folder view: rows dragged onto a folder row or a breadcrumb (.drop-target) move there;
// files and folders dragged in from the desktop are uploaded into the folder on screen.

// Rows carry their ids under this type; files from the desktop carry "Files".
const NODES_TYPE = 'application/x-clouddisk-nodes';

/** The folder a drag is over, as {id, name, el}: a folder row (data-name) or a breadcrumb (its text). */
function dropTarget(ev) {
    const el = ev.target.closest('.drop-target');
    if (!el) return null;
    return { id: el.dataset.id, name: el.matches('tr') ? el.dataset.name : el.textContent, el };
}

/**
 * Wires `view` (the section): `dragged(el)` answers the ids a drag starting at `el` takes along (or null),
 * `move(ids, target)` moves them, `upload(dataTransfer)` uploads a desktop drop; `dropZone` is highlighted then.
 */
export function wireDragAndDrop(view, dropZone, { dragged, move, upload }) {
    let over = null;
    const mark = (el) => {
        if (over) over.classList.remove('drop-over');
        over = el;
        if (el) el.classList.add('drop-over');
    };
    const carries = (ev, type) => [...(ev.dataTransfer.types || [])].includes(type);

    view.addEventListener('dragstart', (ev) => {
        const ids = dragged(ev.target);
        if (!ids) return;
        ev.dataTransfer.setData(NODES_TYPE, JSON.stringify(ids));
        ev.dataTransfer.effectAllowed = 'move';
    });
    view.addEventListener('dragover', (ev) => {
        if (carries(ev, NODES_TYPE)) {
            const target = dropTarget(ev);
            mark(target && target.el);
            if (target) {
                ev.preventDefault();
                ev.dataTransfer.dropEffect = 'move';
            }
        } else if (carries(ev, 'Files')) {
            ev.preventDefault();
            ev.dataTransfer.dropEffect = 'copy';
            mark(dropZone);
        }
    });
    view.addEventListener('dragleave', (ev) => {
        if (!view.contains(ev.relatedTarget)) mark(null);
    });
    view.addEventListener('drop', (ev) => {
        ev.preventDefault();
        mark(null);
        if (carries(ev, NODES_TYPE)) {
            const target = dropTarget(ev);
            const ids = JSON.parse(ev.dataTransfer.getData(NODES_TYPE) || '[]').filter((id) => id !== target?.id);
            if (target && ids.length) move(ids, target);
        } else if (carries(ev, 'Files')) {
            upload(ev.dataTransfer);
        }
    });
    // A file dropped anywhere else must not make the browser leave the app to open it.
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => e.preventDefault());
}
