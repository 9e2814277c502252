import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, started first so that the two workers finish together. Vitest orders
 * files by their last run's time when it has one; a fresh clone has none, and started these last.
 */
const slowestFirst = [/emulator-[a-z]+\.test\.ts$/, /scripts\/scripts\.test\.ts$/, /iac\/cdk\.test\.ts$/, /iac\/fixtures\.test\.ts$/, /iac\/cloudformation\.test\.ts$/];

class SlowestFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const rank = (file: TestSpecification) => {
			const i = slowestFirst.findIndex((pattern) => pattern.test(file.moduleId));
			return i === -1 ? slowestFirst.length : i;
		};
		return sorted.map((file, i) => ({ file, i })).sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i).map(({ file }) => file);
	}
}

export default defineConfig({
	test: {
		include: ['tests/{unit,content,iac,scripts}/**/*.test.ts'],
		// Vitest's default is one worker fewer than the cores: one, on two cores. The slowest files
		// (the companion scripts against moto and the fake AWS CLI) mostly wait for the processes they
		// start, so a second worker runs the rest beside them.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		sequence: { sequencer: SlowestFirst },
		// The renderer tests must draw in Chromium, not read an earlier build's drawings.
		env: { AWS_PATTERNS_BUILD_CACHE: 'off' },
		// CDK synth and the CloudFormation validator's WASM start slowly on two cores.
		testTimeout: 120_000,
		hookTimeout: 120_000,
	},
});
