// Typing a node's name in place (new folder, rename): Enter saves, Escape or leaving the field cancels.

import { h, charCount } from './util.js';
import { notify, reportError } from './status.js';

/** What is wrong with a node name (API.md "Names"), or '' when it is fine. */
export function nameProblem(name) {
    if (charCount(name) < 1) return 'Please type a name.';
    if (charCount(name) > 255) return 'A name can have at most 255 characters.';
    if (name.includes('/')) return 'A name cannot contain “/”.';
    if (name === '.' || name === '..') return '“.” and “..” cannot be names.';
    if (/[\u0000-\u001f\u007f]/.test(name)) return 'A name cannot contain control characters.';
    return '';
}

/**
 * Puts a text input into `container` (its children come back on cancel). `save(name)` is awaited on Enter; when
 * it throws, the message is shown and the input stays for another try. Resolves true when saved.
 */
export function editName(container, { value, label, save }) {
    const before = [...container.childNodes];
    const input = h('input', { type: 'text', class: 'name-input', value, 'aria-label': label, maxlength: 255,
        autocomplete: 'off', spellcheck: 'false' });
    container.replaceChildren(input);
    input.focus();
    // Select the name without its extension, as file managers do.
    const dot = value.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : value.length);

    return new Promise((resolve) => {
        let saving = false;
        const finish = (saved) => {
            input.removeEventListener('blur', onBlur);
            if (!saved) container.replaceChildren(...before);
            resolve(saved);
        };
        const onBlur = () => {
            if (!saving) finish(false);
        };
        input.addEventListener('blur', onBlur);
        input.addEventListener('keydown', async (ev) => {
            if (ev.key === 'Escape') {
                ev.preventDefault();
                ev.stopPropagation(); // Escape here must not also clear the selection
                finish(false);
            } else if (ev.key === 'Enter' && !saving) {
                ev.preventDefault();
                const name = input.value.trim();
                const problem = nameProblem(name);
                if (problem) {
                    notify(problem, 'error');
                    input.setAttribute('aria-invalid', 'true');
                    return;
                }
                saving = true;
                input.setAttribute('aria-busy', 'true');
                try {
                    await save(name);
                    finish(true);
                } catch (e) {
                    reportError(e, `“${name}”`);
                    input.setAttribute('aria-invalid', 'true');
                    input.removeAttribute('aria-busy');
                    saving = false;
                    input.focus();
                }
            }
        });
    });
}
