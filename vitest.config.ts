import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/{unit,content,iac,scripts}/**/*.test.ts'],
		// CDK synth and the CloudFormation validator's WASM start slowly on two cores.
		testTimeout: 120_000,
		hookTimeout: 120_000,
	},
});
