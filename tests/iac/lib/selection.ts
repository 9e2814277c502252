/**
 * Which tests of a file vitest will run. A file-level beforeAll that prepares every pattern at once
 * (all CDK synths, one cfn-lint process) should prepare only the patterns whose tests run, so that
 * `npx vitest run tests/iac -t '<pattern-id>'` stays as quick as before. Vitest applies `-t`,
 * `.only` and `skipIf` to each task's `mode` when it collects the file, before any hook runs, and
 * passes the file's suite to its file-level beforeAll hooks as their second argument (the first,
 * the fixtures context, must be destructured: `beforeAll(({}, file) => ...)`).
 */
import type { RunnerTask, RunnerTestSuite } from 'vitest';

const runs = (task: RunnerTask) => task.mode === 'run' || task.mode === 'queued';

/**
 * Whether vitest will run the describe block named `describeName` in `file` or, with `testName`,
 * that test in it. A block it cannot find counts as running, so a renamed block costs time, not tests.
 */
export function willRun(file: Readonly<RunnerTestSuite>, describeName: string, testName?: string): boolean {
	const block = file.tasks.find((task): task is RunnerTestSuite => task.type === 'suite' && task.name === describeName);
	if (!block) return true;
	if (!runs(block)) return false;
	if (testName === undefined) return true;
	const test = block.tasks.find((task) => task.name === testName);
	return !test || runs(test);
}
