/**
 * The report page's filters: status, API version, operation and text. Every filterable element carries
 * data-entries ("version:status:op1,op2" per API version, space-separated) and data-search (lower-case text).
 * No inline handlers, so the page's CSP can allow this one script by its hash.
 */
export const SCRIPT = `
(() => {
  'use strict';
  const state = { status: 'all', version: 'all', op: 'all', q: '' };
  const items = Array.from(document.querySelectorAll('[data-entries]'));
  const matches = (el) => {
    if (state.q && !(el.getAttribute('data-search') || '').includes(state.q)) return false;
    return (el.getAttribute('data-entries') || '').split(' ').some((entry) => {
      const [version, status, ops] = entry.split(':');
      return (state.version === 'all' || version === state.version)
        && (state.status === 'all' || status === state.status)
        && (state.op === 'all' || (ops || '').split(',').includes(state.op));
    });
  };
  const apply = () => {
    for (const el of items) el.hidden = !matches(el);
    document.body.setAttribute('data-version', state.version);
    document.body.setAttribute('data-status', state.status);
    for (const group of document.querySelectorAll('[data-group]')) {
      const members = group.querySelectorAll('[data-entries]');
      const shown = Array.from(members).filter((el) => !el.hidden).length;
      const empty = group.querySelector('.empty-state');
      if (empty) empty.hidden = shown > 0 || members.length === 0;
      const counter = document.querySelector('[data-count-for="' + group.getAttribute('data-group') + '"]');
      if (counter) counter.textContent = shown + ' of ' + members.length;
    }
    for (const cell of document.querySelectorAll('[data-op]')) {
      cell.classList.toggle('hl', state.op !== 'all' && cell.getAttribute('data-op') === state.op);
    }
  };
  for (const button of document.querySelectorAll('[data-filter-status]')) {
    button.addEventListener('click', () => {
      state.status = button.getAttribute('data-filter-status') || 'all';
      for (const other of document.querySelectorAll('[data-filter-status]')) {
        other.setAttribute('aria-pressed', String(other === button));
      }
      apply();
    });
  }
  const version = document.getElementById('filter-version');
  if (version) version.addEventListener('change', () => { state.version = version.value; apply(); });
  const op = document.getElementById('filter-op');
  if (op) op.addEventListener('change', () => { state.op = op.value; apply(); });
  const q = document.getElementById('filter-q');
  if (q) q.addEventListener('input', () => { state.q = q.value.trim().toLowerCase(); apply(); });
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', () => {
      const target = document.getElementById(button.getAttribute('data-copy') || '');
      if (!target) return;
      const done = () => { button.textContent = 'Copied'; setTimeout(() => { button.textContent = 'Copy'; }, 1500); };
      const select = () => {
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        if (selection) { selection.removeAllRanges(); selection.addRange(range); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(target.textContent || '').then(done, select);
      } else {
        select();
      }
    });
  }
  apply();
})();
`;
