import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { RuleObservation } from '../../checks/violation.ts';
import { type ProgressSink, printLine } from '../../lib/log.ts';
import type { ShapeInput } from '../../reports/index.ts';

/** A test that ended in an error other than a rule violation (a crash in the suite, or a target that broke it). */
export interface SuiteError {
  readonly test: string;
  readonly message: string;
}

/**
 * The vitest reporter of the conformance suites: prints progress, and collects what each test learned (the
 * observations in its meta) for the conformance report. It holds no secrets: observations carry redacted evidence.
 */
export class OccReporter implements Reporter {
  readonly observations: RuleObservation[] = [];
  /** Requests (retries included) the suites' worker sent, as its tests reported them. */
  requestsSent = 0;
  private readonly shapeMap = new Map<
    string,
    {
      apiVersion: ShapeInput['apiVersion'];
      operation: string;
      status: number;
      fields: Set<string>;
      unknownFields: Set<string>;
    }
  >();
  readonly errors: SuiteError[] = [];
  tests = 0;
  finished = false;

  private started = false;

  /** `onTestsStart` is called once, when the first test starts: vitest's start-up and the imports are behind. */
  constructor(
    private readonly out?: ProgressSink,
    private readonly onTestsStart?: () => void,
  ) {}

  onTestCaseReady(): void {
    if (this.started) return;
    this.started = true;
    this.onTestsStart?.();
  }

  onTestCaseResult(testCase: TestCase): void {
    this.tests += 1;
    const observations = testCase.meta().occ ?? [];
    this.requestsSent = Math.max(this.requestsSent, testCase.meta().occRequestsSent ?? 0);
    this.observations.push(...observations);
    for (const shape of testCase.meta().occShapes ?? []) {
      const key = `${shape.apiVersion} ${shape.operation} ${shape.status}`;
      const merged = this.shapeMap.get(key) ?? {
        ...shape,
        fields: new Set<string>(),
        unknownFields: new Set<string>(),
      };
      for (const f of shape.fields) merged.fields.add(f);
      for (const f of shape.unknownFields) merged.unknownFields.add(f);
      this.shapeMap.set(key, merged);
    }
    const result = testCase.result();
    const violations = observations.reduce((n, o) => n + o.violations.length, 0);
    const exchanges = observations.reduce((n, o) => n + o.exchanges, 0);
    const mark = result.state === 'passed' ? '✓' : result.state === 'skipped' ? '-' : '✗';
    if (result.state === 'failed' && observations.every((o) => o.violations.length === 0)) {
      const message = result.errors?.[0]?.message ?? 'failed';
      this.errors.push({ test: testCase.fullName, message });
    }
    if (this.out) {
      const detail =
        result.state === 'skipped'
          ? 'skipped'
          : `${observations.length} rules, ${exchanges} exchanges, ${violations} violations`;
      printLine(this.out, `${mark} ${testCase.fullName} (${detail})`);
      this.out.tally?.({ exchanges, violations });
    }
  }

  onTestModuleEnd(module: TestModule): void {
    for (const error of module.errors())
      this.errors.push({ test: module.moduleId, message: error.message ?? String(error) });
  }

  /** Every response shape the run saw, merged per version, operation and status. */
  shapes(): ShapeInput[] {
    return [...this.shapeMap.values()]
      .map((s) => ({
        apiVersion: s.apiVersion,
        operation: s.operation,
        status: s.status,
        fields: [...s.fields].sort(),
        unknownFields: [...s.unknownFields].sort(),
      }))
      .sort((a, b) =>
        `${a.apiVersion} ${a.operation} ${a.status}`.localeCompare(
          `${b.apiVersion} ${b.operation} ${b.status}`,
        ),
      );
  }

  onTestRunEnd(): void {
    this.finished = true;
  }
}
