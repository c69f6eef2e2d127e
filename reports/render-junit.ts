import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ApiVersion, ConformanceReport, RuleResult } from './model.ts';
import {
  firstFinding,
  moreViolations,
  reportVersions,
  unusableText,
  verdictLabel,
  verdictReason,
  violationLines,
} from './text.ts';

// XML 1.0's Char production: tab, newline, return, and everything from space up except surrogates, U+FFFE and
// U+FFFF. A response body may hold anything else, so the rest is written as visible \u escapes instead.
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Text XML 1.0 can carry: characters it cannot are written as \uXXXX. */
export function xmlText(text: string): string {
  let out = '';
  // for…of walks code points, so a valid surrogate pair arrives whole and a lone surrogate alone.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += isXmlChar(code) ? char : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function oneLine(text: string, max = 500): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function failureText(rule: RuleResult, target: ConformanceReport['target']): string {
  const blocks = rule.violations.map((v) => violationLines(v, target).join('\n'));
  const more = moreViolations(rule);
  return xmlText([...blocks, ...(more ? [more] : [])].join('\n\n'));
}

function addTestcase(suite: XMLBuilder, rule: RuleResult, target: ConformanceReport['target']): void {
  const testcase = suite.ele('testcase', {
    classname: xmlText(`occ.${rule.apiVersion}.${rule.category}`),
    name: xmlText(`${rule.id} ${rule.title}`),
    time: '0.000',
  });
  const count = rule.violationsTotal;
  const extra = count > 1 ? ` (+${count - 1} more)` : '';
  if (rule.status === 'failed') {
    testcase
      .ele('failure', { message: xmlText(oneLine(firstFinding(rule)) + extra), type: rule.level })
      .txt(failureText(rule, target));
  } else if (rule.status === 'skipped') {
    testcase.ele('skipped', { message: xmlText(oneLine(rule.reason ?? 'skipped')) });
  } else if (rule.status === 'inconclusive') {
    // Unusable answers say nothing about the rule: neither a failure nor a pass, so a skip that says why.
    testcase.ele('skipped', { message: xmlText(oneLine(rule.reason ?? 'inconclusive')) });
  } else if (rule.status === 'warned') {
    const lowered = rule.loweredViolations ?? 0;
    const premise =
      rule.level === 'MUST' && lowered >= count
        ? ', each time on an inferred premise, so it counts as SHOULD'
        : '';
    const header = `WARNING: ${rule.level} rule ${rule.id} (${rule.apiVersion}) was violated ${count} time${count === 1 ? '' : 's'}${premise}; it does not fail the run unless --strict.`;
    testcase.ele('system-out').txt(`${xmlText(header)}\n\n${failureText(rule, target)}`);
  } else if (rule.reason !== undefined) {
    testcase.ele('system-out').txt(xmlText(rule.reason));
  }
}

function addSuite(root: XMLBuilder, report: ConformanceReport, version: ApiVersion, suites: number): void {
  const rules = report.rules.filter((r) => r.apiVersion === version);
  const count = (status: RuleResult['status']) => String(rules.filter((r) => r.status === status).length);
  const suite = root.ele('testsuite', {
    name: `Order contact API ${version}`,
    tests: String(rules.length),
    failures: count('failed'),
    errors: '0',
    skipped: String(rules.filter((r) => r.status === 'skipped' || r.status === 'inconclusive').length),
    // The versions are checked interleaved in one run, so each suite is given an even share of its duration.
    time: seconds(report.durationMs / suites),
    timestamp: xmlText(report.startedAt),
  });
  const properties = suite.ele('properties');
  const property = (name: string, value: string) =>
    properties.ele('property', { name, value: xmlText(value) });
  property('seed', String(report.seed));
  property('runId', report.runId);
  property('target', report.target.baseUrl);
  property('targetKind', report.target.kind);
  property('apiVersion', version);
  property('strict', String(report.strict));
  property('readOnly', String(report.target.readOnly));
  if (report.target.orderRef !== undefined) property('orderRef', report.target.orderRef);
  property('contractVersion', report.contract.version);
  property('tool', `${report.tool.name} ${report.tool.version}`);
  property('verdict', report.verdict);
  if ((report.summary.inconclusiveExchanges ?? 0) > 0) property('unusableExchanges', unusableText(report));
  // One property per capability: its status in this version, and the rules that made it lacking or partial.
  for (const capability of (report.capabilities ?? []).filter((c) => c.apiVersion === version)) {
    const rules = [...capability.failedRules, ...capability.warnedRules];
    property(
      xmlText(`capability.${capability.id}`),
      `${capability.status}${rules.length > 0 ? `: ${rules.join(', ')}` : ''}`,
    );
  }
  for (const rule of rules) addTestcase(suite, rule, report.target);
}

/**
 * A run that checked nothing (unreachable) or too little (inconclusive) must not read as green in a CI test tab:
 * one testsuite of one testcase whose error gives the reason.
 */
function addRunError(root: XMLBuilder, report: ConformanceReport): void {
  const reason = verdictReason(report);
  if (reason === '') return;
  const text = `${verdictLabel(report)}: ${reason}`;
  const suite = root.ele('testsuite', {
    name: 'Order contact API run',
    tests: '1',
    failures: '0',
    errors: '1',
    skipped: '0',
    time: '0.000',
    timestamp: xmlText(report.startedAt),
  });
  suite
    .ele('testcase', { classname: 'occ.run', name: `run ${xmlText(report.runId)}`, time: '0.000' })
    .ele('error', { message: xmlText(oneLine(text)), type: report.verdict })
    .txt(xmlText([text, ...(report.notes ?? [])].join('\n')));
}

/**
 * The report as JUnit XML (the Jenkins/Surefire dialect GitHub Actions, GitLab and Jenkins read): one testsuite per
 * API version, one testcase per rule. Failed rules carry a failure, skipped ones a skipped element, warned ones
 * pass with their warnings in system-out, inconclusive ones are skipped with the reason; an unreachable or
 * inconclusive run adds a testsuite with one errored testcase, so the run never reads as green. Each testsuite's properties give the capabilities' status in its version
 * (capability.state = "lacking: OC-…").
 */
export function renderJunit(report: ConformanceReport): string {
  const versions = reportVersions(report);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const errored = verdictReason(report) !== '';
  const root = doc.ele('testsuites', {
    name: 'Order contact API conformance',
    tests: String(report.rules.length + (errored ? 1 : 0)),
    failures: String(report.summary.failed),
    errors: errored ? '1' : '0',
    time: seconds(report.durationMs),
  });
  addRunError(root, report);
  for (const version of versions) addSuite(root, report, version, versions.length);
  return `${doc.end({ prettyPrint: true, wellFormed: true })}\n`;
}
