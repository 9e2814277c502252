/**
 * Search quality, measured the way Starlight's search box queries Pagefind: for each query in
 * search-queries.yaml, where does the expected page rank? Prints precision at 1 and at 3 per kind
 * and fails below tests/e2e/search-thresholds.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { pagefindOptions, processTerm } from '../../src/lib/search-config';
import { overallThresholds, searchThresholds, type QueryKind } from './search-thresholds';

interface Query {
	query: string;
	expect: string;
	kind: QueryKind;
}

const queries = parse(readFileSync(join(import.meta.dirname, 'search-queries.yaml'), 'utf8')) as Query[];
const kinds = Object.keys(searchThresholds) as QueryKind[];

test('the query set has at least 100 queries, of known kinds, each kind represented', () => {
	expect(queries.length).toBeGreaterThanOrEqual(100);
	expect(queries.filter((q) => !kinds.includes(q.kind)).map((q) => q.query)).toEqual([]);
	for (const kind of kinds) expect(queries.some((q) => q.kind === kind), `no ${kind} query`).toBe(true);
});

test('search ranks the expected page first or in the top 3, as each kind of query requires', async ({ page }) => {
	await page.goto('/');
	const tops = await page.evaluate(
		async ({ queries, options }) => {
			const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
			await pagefind.options(options);
			await pagefind.init();
			const out: string[][] = [];
			for (const { query } of queries) {
				const search = await pagefind.search(query);
				const data = await Promise.all(search.results.slice(0, 3).map((r: { data: () => Promise<{ url: string }> }) => r.data()));
				out.push(data.map((d) => new URL(d.url, location.origin).pathname));
			}
			return out;
		},
		// As the search box does: src/plugins/search-ui.ts passes each query through processTerm.
		{ queries: queries.map((q) => ({ ...q, query: processTerm(q.query) })), options: pagefindOptions }
	);

	const ranked = queries.map((q, i) => ({ ...q, top: tops[i]!, rank: tops[i]!.indexOf(q.expect) + 1 }));
	const share = (list: typeof ranked, at: number) => (list.length ? list.filter((q) => q.rank >= 1 && q.rank <= at).length / list.length : 1);
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

	const failures: string[] = [];
	for (const kind of kinds) {
		const list = ranked.filter((q) => q.kind === kind);
		const { at, min } = searchThresholds[kind];
		console.log(`${kind}: ${list.length} queries, P@1 ${pct(share(list, 1))}, P@3 ${pct(share(list, 3))} (needs P@${at} >= ${pct(min)})`);
		for (const q of list.filter((q) => q.rank === 0 || q.rank > at)) {
			console.log(`  miss "${q.query}": expected ${q.expect}, got ${q.top.join(', ') || 'nothing'}`);
		}
		if (share(list, at) < min) failures.push(`${kind}: P@${at} ${pct(share(list, at))} < ${pct(min)}`);
	}
	const p1 = share(ranked, 1);
	const p3 = share(ranked, 3);
	console.log(`all ${ranked.length} queries: P@1 ${pct(p1)}, P@3 ${pct(p3)}`);
	if (p1 < overallThresholds.p1) failures.push(`all: P@1 ${pct(p1)} < ${pct(overallThresholds.p1)}`);
	if (p3 < overallThresholds.p3) failures.push(`all: P@3 ${pct(p3)} < ${pct(overallThresholds.p3)}`);
	expect(failures).toEqual([]);
});
