import { createHash } from 'node:crypto';
import { escapeHtml as h } from './escape.ts';

/** A CSP source for exactly this text (a style or script element's content). */
function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The start of a self-contained report page, up to `</head>`. Its Content-Security-Policy allows no network and
 * only the page's own style and script (by hash; no script at all without one), so even markup that slipped
 * through escaping could not run.
 */
export function documentHead(title: string, styles: string, script?: string): string {
  // Built only from constants and hashes: nothing in it needs escaping.
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(styles)}`,
    `script-src ${script === undefined ? "'none'" : sha256(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${styles}</style>
</head>`;
}
