/**
 * Budgets (README, "Performance") that do not depend on the machine's speed: Lighthouse mobile's
 * accessibility, best-practices and SEO scores, and JavaScript weight, per page type, against the
 * preview server. The figures and limits live in tests/perf/measure.ts, which `npm run bench` shares;
 * the bench also holds the timed performance score to its budget. Tagged @budget, so that
 * `npx playwright test --grep @budget` runs them alone; `npm test` runs them with the other
 * end-to-end tests.
 */
import { expect, test } from '@playwright/test';
import {
	budgetPages,
	budgets,
	deterministicCategories,
	jsBudgetProblems,
	kb,
	lighthouseBudgetProblems,
	measurePage,
	plainestPage,
	startLighthouse,
	type LighthouseScores,
	type LighthouseSession,
} from '../perf/measure.ts';
import { distDir } from './site';

test.describe('Lighthouse mobile', { tag: '@budget' }, () => {
	// Spread over the workers, each with its own Chromium: none of these three categories is timed,
	// so runs side by side score as one at a time would. Not 'serial', so that a page below budget
	// does not skip the pages after it: every failing page is reported.
	test.describe.configure({ mode: 'parallel' });

	let session: LighthouseSession | undefined;
	test.beforeAll(async () => {
		session = await startLighthouse(deterministicCategories);
	});
	test.afterAll(async () => {
		await session?.close();
	});

	for (const [type, path] of Object.entries(budgetPages)) {
		test(`the ${type} page (${path}) scores 100 for accessibility, best practices and SEO`, async ({ baseURL }) => {
			test.setTimeout(90_000);
			const result: LighthouseScores = await session!.run(new URL(path, baseURL).href);
			// The performance score is timed, so it depends on the machine and its load: `npm run bench`
			// measures it on a quiet machine and holds it to its budget; this test does not run it.
			test.info().annotations.push({
				type: 'lighthouse',
				description: `${path}: ${Object.entries(result.scores).map(([id, score]) => `${id} ${score}`).join(', ')} (performance budget ${budgets.lighthouse.performance}: npm run bench)`,
			});
			expect(lighthouseBudgetProblems(result, deterministicCategories), `Lighthouse mobile on ${path}`).toEqual([]);
		});
	}
});

test.describe('JavaScript weight', { tag: '@budget' }, () => {
	const pages: Record<string, string> = { ...budgetPages, plainest: plainestPage(distDir) };
	for (const [type, path] of Object.entries(pages)) {
		test(`the ${type} page (${path}) loads at most ${budgets.firstLoadJsKb} KB of JS on first load and ${budgets.totalJsKb} KB when idle`, async ({
			browser,
			baseURL,
		}) => {
			const weight = await measurePage(browser, new URL(path, baseURL).href);
			test.info().annotations.push({
				type: 'js',
				description: `${path}: first load ${kb(weight.firstLoadJs).toFixed(1)} KB, with idle loading ${kb(weight.totalJs).toFixed(1)} KB (gzipped)`,
			});
			expect(jsBudgetProblems(weight), `gzipped JS on ${path}`).toEqual([]);
		});
	}
});
