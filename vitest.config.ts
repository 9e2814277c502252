import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/{unit,content,iac,scripts}/**/*.test.ts'],
		// Vitest's default is one worker fewer than the cores: one, on two cores. The slowest files
		// (the companion scripts against moto and the fake AWS CLI) mostly wait for the processes they
		// start, so a second worker runs the rest beside them.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		// The renderer tests must draw in Chromium, not read an earlier build's drawings.
		env: { AWS_PATTERNS_BUILD_CACHE: 'off' },
		// CDK synth and the CloudFormation validator's WASM start slowly on two cores.
		testTimeout: 120_000,
		hookTimeout: 120_000,
	},
});
