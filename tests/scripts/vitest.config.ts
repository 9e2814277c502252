import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The tests of the shell scripts in tools/scripts/ alone: npx vitest run tests/scripts --config tests/scripts/vitest.config.ts */
export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['tests/scripts/**/*.test.ts'],
		testTimeout: 30_000,
	},
});
