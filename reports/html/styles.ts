/** The report page's stylesheet: inline, so the page opens offline and from a CI artifact. */
export const STYLES = `
:root {
  --passed: #1a7f37; --passed-bg: #dafbe1;
  --failed: #cf222e; --failed-bg: #ffebe9;
  --warned: #9a6700; --warned-bg: #fff8c5;
  --skipped: #6e7781; --skipped-bg: #eaeef2;
  --inconclusive: #8250df; --inconclusive-bg: #fbefff;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --canvas: #f6f8fa; --accent: #0969da;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--canvas); }
.wrap { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h2 { font-size: 18px; margin: 32px 0 12px; }
h3 { font-size: 15px; margin: 0; }

header.top { background: #0d1117; color: #e6edf3; border-top: 6px solid var(--skipped); padding: 20px 0 24px; }
header.top.verdict-passed { border-top-color: #2da44e; }
header.top.verdict-failed { border-top-color: #f85149; }
header.top.verdict-unreachable { border-top-color: #d29922; }
header.top.verdict-inconclusive { border-top-color: #a475f9; }
.eyebrow { color: #8d96a0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
header.top h1 { margin: 6px 0 14px; font-size: 24px; font-weight: 600; display: flex; align-items: center; gap: 12px; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 24px; margin: 0; }
dl.meta div { min-width: 0; }
dl.meta div.wide { grid-column: span 2; }
dl.meta dt { color: #8d96a0; font-size: 12px; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }

.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 600;
  letter-spacing: .04em; text-transform: uppercase; color: #fff; background: var(--skipped); vertical-align: middle; }
.badge.passed { background: var(--passed); } .badge.failed { background: var(--failed); }
.badge.warned { background: #bf8700; } .badge.unreachable { background: #bf8700; }
.badge.inconclusive { background: var(--inconclusive); }
header.top .badge { font-size: 14px; padding: 4px 14px; }

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin-top: -1px; padding-top: 20px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; border-top: 4px solid var(--line); }
.card .n { font-size: 28px; font-weight: 600; line-height: 1.2; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.card.passed { border-top-color: var(--passed); } .card.passed .n { color: var(--passed); }
.card.failed { border-top-color: var(--failed); } .card.failed .n { color: var(--failed); }
.card.warned { border-top-color: #d4a72c; } .card.warned .n { color: var(--warned); }
.card.skipped { border-top-color: var(--skipped); } .card.skipped .n { color: var(--skipped); }
.card.inconclusive { border-top-color: var(--inconclusive); } .card.inconclusive .n { color: var(--inconclusive); }
svg.bar { display: block; width: 100%; height: 10px; margin-top: 14px; border-radius: 5px; overflow: hidden; }
svg.bar .passed { fill: var(--passed); } svg.bar .failed { fill: var(--failed); }
svg.bar .warned { fill: #d4a72c; } svg.bar .skipped { fill: #afb8c1; } svg.bar .inconclusive { fill: #c297ff; }
.verdict-box { margin-top: 20px; border: 1px solid #d4a72c; border-left: 6px solid #bf8700; border-radius: 8px; background: var(--warned-bg); padding: 12px 16px; overflow-wrap: anywhere; }
.verdict-box.inconclusive { border-color: #c297ff; border-left-color: var(--inconclusive); background: var(--inconclusive-bg); }
.verdict-box strong { text-transform: uppercase; letter-spacing: .04em; margin-right: 6px; }

.notes { background: var(--warned-bg); border: 1px solid #d4a72c; border-radius: 8px; padding: 10px 16px; margin-top: 16px; }
.notes ul { margin: 4px 0 0; padding-left: 20px; }

.badge.lacking { background: var(--failed); } .badge.partial { background: #bf8700; }
.cap { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--failed); border-radius: 8px; margin: 12px 0; padding: 12px 18px; }
.cap.partial { border-left-color: #d4a72c; }
.cap .head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.cap .cap-v { color: var(--muted); font-size: 12.5px; }
.cap p { margin: 6px 0; }
.cap .cap-hint { color: var(--muted); }
.cap details summary { cursor: pointer; color: var(--accent); font-size: 12.5px; }
.cap ul { margin: 6px 0 0; padding-left: 20px; }
.cap li { margin: 3px 0; }
.st { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 4px; padding: 0 6px; margin-left: 4px; white-space: nowrap; }
.st.failed { background: var(--failed-bg); color: var(--failed); } .st.warned { background: var(--warned-bg); color: var(--warned); }
.cap-none { background: var(--passed-bg); border: 1px solid var(--passed); border-radius: 8px; padding: 10px 16px; }
.cap-none.unknown { background: var(--skipped-bg); border-color: var(--skipped); }
.cap-more { color: var(--muted); }

.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px;
  background: var(--canvas); padding: 10px 0; border-bottom: 1px solid var(--line); }
.seg { display: inline-flex; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: var(--paper); }
.seg button { font: inherit; border: 0; border-right: 1px solid var(--line); background: transparent; padding: 4px 12px; cursor: pointer; color: var(--ink); }
.seg button:last-child { border-right: 0; }
.seg button[aria-pressed="true"] { background: var(--ink); color: #fff; }
.seg button .c { color: var(--muted); margin-left: 4px; font-variant-numeric: tabular-nums; }
.seg button[aria-pressed="true"] .c { color: #d1d9e0; }
.filters label { color: var(--muted); display: inline-flex; align-items: center; gap: 6px; }
.filters select, .filters input { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--paper); color: var(--ink); }
.filters input { width: 150px; }
h2 .count { color: var(--muted); font-weight: 400; font-size: 14px; }
.legend { display: flex; gap: 14px; color: var(--muted); font-size: 12px; margin: 10px 0; flex-wrap: wrap; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }

.table-box { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
.table-box.fit { width: fit-content; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
table.matrix th, table.matrix td { border-bottom: 1px solid #eaeef2; padding: 6px 8px; text-align: left; vertical-align: middle; }
table.matrix thead th { background: var(--paper); border-bottom: 1px solid var(--line); font-weight: 600; vertical-align: bottom; }
table.matrix thead th.op { text-align: center; padding: 8px 4px; min-width: 60px; }
table.matrix thead th.op span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-family: var(--mono); font-size: 11.5px; font-weight: 500; color: var(--muted); }
table.matrix thead th.op.hl span { color: var(--accent); font-weight: 700; }
table.matrix tbody tr:nth-child(even) { background: #fbfcfd; }
table.matrix tbody tr:hover { background: #f3f6f9; }
table.matrix th[scope="row"] { font-weight: 400; min-width: 340px; max-width: 480px; }
table.matrix th[scope="row"] .id { font-family: var(--mono); font-size: 12px; font-weight: 600; }
table.matrix th[scope="row"] .t { color: var(--muted); font-size: 12.5px; display: block; }
table.matrix td.level { font-size: 11.5px; color: var(--muted); white-space: nowrap; }
table.matrix td.cell { text-align: center; white-space: nowrap; padding: 4px 6px; }
table.matrix td.cell.hl { background: #ddf4ff; }
.chip { display: inline-block; min-width: 22px; height: 18px; line-height: 18px; border-radius: 4px; margin: 0 1px; font-size: 10px;
  font-weight: 600; font-family: var(--mono); color: #fff; text-align: center; }
.chip.passed { background: var(--passed); } .chip.failed { background: var(--failed); }
.chip.warned { background: #d4a72c; color: #3b2300; } .chip.skipped { background: #d0d7de; color: #57606a; }
.chip.inconclusive { background: #c297ff; color: #2b0a5c; }
.chip.none { visibility: hidden; }
body[data-version="v2.1"] .chip[data-v="v2"], body[data-version="v2"] .chip[data-v="v2.1"],
body[data-status="failed"] .chip:not(.failed), body[data-status="warned"] .chip:not(.warned),
body[data-status="skipped"] .chip:not(.skipped), body[data-status="passed"] .chip:not(.passed),
body[data-status="inconclusive"] .chip:not(.inconclusive) { opacity: .18; }
.legend .chip { opacity: 1 !important; }
td.status-col { white-space: nowrap; }

.finding { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--failed); border-radius: 8px; margin: 12px 0; padding: 14px 18px; }
.finding.warned { border-left-color: #d4a72c; }
.finding .head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.finding .head code { font-weight: 600; }
.finding .sub { color: var(--muted); font-size: 12.5px; margin: 4px 0 8px; overflow-wrap: anywhere; }
.finding ol { margin: 0; padding-left: 20px; }
.finding li { margin: 10px 0; }
.msg { overflow-wrap: anywhere; }
.op-tag { font-family: var(--mono); font-size: 11.5px; background: #ddf4ff; color: #0550ae; border-radius: 4px; padding: 1px 6px; margin-right: 6px; }
.premise { color: var(--warned); font-size: 12.5px; margin-top: 2px; }
.items { color: var(--muted); font-size: 12.5px; font-family: var(--mono); overflow-wrap: anywhere; }
.path { color: var(--muted); font-size: 12px; font-family: var(--mono); overflow-wrap: anywhere; }
details.ev { margin-top: 6px; }
details.ev summary { cursor: pointer; color: var(--accent); font-size: 12.5px; }
.ev-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 8px; }
.ev-grid > div { min-width: 0; }
.ev-grid .full { grid-column: 1 / -1; }
.ev h4 { margin: 0 0 4px; font-size: 11.5px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); display: flex; justify-content: space-between; align-items: center; }
pre { margin: 0; background: #f6f8fa; border: 1px solid #eaeef2; border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 360px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.curl { background: #0d1117; color: #e6edf3; border-color: #0d1117; }
button.copy { font: inherit; font-size: 11px; border: 1px solid var(--line); background: var(--paper); border-radius: 4px; padding: 0 8px; cursor: pointer; text-transform: none; letter-spacing: 0; color: var(--ink); }
.more { color: var(--muted); font-style: italic; }
details.rest { margin: 6px 0 0 20px; }
details.rest > summary { cursor: pointer; color: var(--accent); font-size: 12.5px; }
details.rest > ol { padding-left: 20px; }
.empty-state { color: var(--muted); padding: 16px; text-align: center; }
table.plain th, table.plain td { border-bottom: 1px solid #eaeef2; padding: 6px 10px; text-align: left; vertical-align: top; }
table.plain thead th { background: #f6f8fa; font-weight: 600; font-size: 12.5px; }
.fields code { display: inline-block; background: var(--warned-bg); border-radius: 4px; padding: 0 5px; margin: 1px 2px; }
footer { color: var(--muted); font-size: 12px; padding: 32px 0 48px; }
@media (max-width: 800px) { .ev-grid { grid-template-columns: 1fr; } dl.meta div.wide { grid-column: auto; } }
@media print { .filters { position: static; } details.ev { display: block; } }
`;
