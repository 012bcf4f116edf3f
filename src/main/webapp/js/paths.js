// Where a node is: breadcrumbs and readable paths. Paths come from the API as [{id, name}] from root down;
// root is shown as "My files".

import { h } from './util.js';

const ROOT_NAME = 'My files';

/** The steps from root to `node` itself ({id, name, path}). */
export function stepsTo(node) {
    const steps = [...(node.path || []), { id: node.id, name: node.name }];
    steps[0] = { id: steps[0].id, name: ROOT_NAME };
    return steps;
}

/** "My files / a / b" for a path from root. */
export function pathText(path) {
    return [ROOT_NAME, ...(path || []).slice(1).map((step) => step.name)].join(' / ');
}

/** Breadcrumbs as list items of buttons with `cls`; the last one is where we are. */
export function crumbButtons(steps, cls, onOpen) {
    return steps.map((step, i) => h('li', null, h('button', {
        type: 'button', class: `crumb ${cls}`, dataset: { id: step.id },
        'aria-current': i === steps.length - 1 ? 'location' : null, onclick: () => onOpen(step.id),
    }, step.name)));
}
