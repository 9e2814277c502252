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
	patternHtmlProblems,
	plainestPage,
	startLighthouse,
	type LighthouseScores,
	type LighthouseSession,
} from '../perf/measure.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
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

test.describe('HTML weight', { tag: '@budget' }, () => {
	test(`every pattern page is at most ${budgets.patternHtmlKb} KB of gzipped HTML`, () => {
		const { problems, heaviest } = patternHtmlProblems(distDir);
		expect(heaviest, 'no pattern pages in the build').toBeDefined();
		test.info().annotations.push({ type: 'html', description: `heaviest pattern page: ${heaviest![0]}, ${kb(heaviest![1]).toFixed(1)} KB gzipped` });
		expect(problems).toEqual([]);
	});

	test('a pattern page over the budget fails, and a code page does not count as one', () => {
		const dir = mkdtempSync(join(tmpdir(), 'html-budget-'));
		try {
			const page = (path: string, bytes: number) => {
				mkdirSync(join(dir, path), { recursive: true });
				// Random text does not compress: its gzipped size is about its length.
				writeFileSync(join(dir, path, 'index.html'), `<p>${randomBytes(bytes).toString('base64')}</p>`);
			};
			page('patterns/light', 1_000);
			page('patterns/heavy', 60 * 1024);
			page('patterns/heavy/cdk', 200 * 1024);
			const { problems, heaviest } = patternHtmlProblems(dir);
			expect(problems).toEqual([expect.stringMatching(/^\/patterns\/heavy\/: 6\d\.\d KB of gzipped HTML \(budget 50 KB\)$/)]);
			expect(heaviest?.[0]).toBe('/patterns/heavy/');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
