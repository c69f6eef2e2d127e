// The conformance files run one at a time, and with a target that keeps what it should not (a contact an invalid
// create stored), what a file reads depends on the files before it. vitest orders files by its results cache
// (node_modules/.vite, the previous runs' durations), so the same seed could send other requests after another
// run; here the conformance files run in the order of their names, whatever ran before.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** vitest's own order for every project but `conformance`, whose files go by name. */
export class ConformanceFileOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const byName = sorted
      .filter((spec) => spec.project.name === 'conformance')
      .sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
    let next = 0;
    return sorted.map((spec) =>
      spec.project.name === 'conformance' ? (byName[next++] as TestSpecification) : spec,
    );
  }
}
