/**
 * The checks of tests/e2e/checks.ts that read the built HTML, run on a small built site made to pass
 * (good/) and to fail (bad/) them, so that each is known to accept a good page and to catch a bad one.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { load } from 'cheerio';
import { guideListProblems, headingProblems, headProblems, linkProblems } from '../e2e/checks';
import { builtFile, builtPage } from '../e2e/site';

const dir = join(import.meta.dirname, 'fixtures', 'built-site');
const good = builtPage('/good/', dir)!;
const bad = builtPage('/bad/', dir)!;

test('the fixture site has both pages', () => {
	expect(good.ids).toContain('first');
	expect(bad.ids).toContain('a-section');
});

describe('a page URL answers with a file only as a static host would', () => {
	test.each([
		['/good/', 'good/index.html'],
		['/og/good.png', 'og/good.png'],
	])('%s is %s', (path, file) => expect(builtFile(path, dir)).toBe(join(dir, file)));
	test.each(['/good', '/og/good.png/', '/nothing/', '/../page-checks.test.ts', '/%E0%A4%A/'])('%s is nothing', (path) => expect(builtFile(path, dir)).toBeUndefined());
});

test('links: a good page has no broken link', () => expect(linkProblems(good, dir)).toEqual([]));
test('links: every broken link and anchor of a bad page is named', () => {
	expect(linkProblems(bad, dir)).toEqual([
		'/bad/#another-section: no element with that id',
		'/no/such/page/: no file answers it',
		'/good: no file answers it',
		'/good/#no-such-heading: no element with that id',
		'/og/good.png#x: an anchor into a file that is not a page',
		'/bad/#%E0%A4%A: a malformed anchor',
	]);
});

test('headings: a good page has none without an id or anchor link', () => expect(headingProblems(good)).toEqual([]));
test('headings: a heading without an id, one whose link points elsewhere, and one missing from "On this page" are named', () => {
	expect(headingProblems(bad)).toEqual([
		'"A section" (#a-section) has no anchor link',
		'"A section" (#a-section) is not in "On this page"',
		'"No id" has no id',
		'"From a component" (#from-a-component) is not in "On this page"',
	]);
});

test('head: a good page has every tag, its own preview image of the stated size, and its date', () => expect(headProblems(good, dir)).toEqual([]));
test('head: every missing or wrong tag of a bad page is named', () => {
	expect(headProblems(bad, dir)).toEqual([
		'the description is "Too short."',
		'the canonical link is "https://aws-patterns.dev/good/"',
		'og:description is null',
		'twitter:card is "summary"',
		'0 icon links, not 1',
		'twitter:image differs from og:image',
		'/og/bad.png is 600x315, the tags say 1200x630',
		'no "Last verified" date under the title',
	]);
});

describe('a service page\'s "Decision guides" list against the guides that recommend it', () => {
	const servicePage = (items: string) => {
		const $ = load(`<dl class="related-links"><dt>Decision guides</dt><dd><ul>${items}</ul></dd><dt>Patterns</dt><dd><a href="/patterns/p/">P</a></dd></dl>`);
		return { path: '/services/x/', $, ids: new Set<string>(), links: [] };
	};
	const listing = (...paths: string[]) => servicePage(paths.map((p) => `<li><a href="${p}">guide</a></li>`).join(''));

	test('agrees when it lists each recommending guide once', () => {
		expect(guideListProblems(listing('/decisions/a/', '/decisions/b/'), ['/decisions/b/', '/decisions/a/'])).toEqual([]);
		expect(guideListProblems(servicePage('<li>No decision guide recommends this service yet.</li>'), [])).toEqual([]);
	});
	test('names a missing guide, an extra one, a repeated one, and a page with no list', () => {
		expect(guideListProblems(listing('/decisions/a/', '/decisions/c/', '/decisions/c/'), ['/decisions/a/', '/decisions/b/'])).toEqual([
			'/services/x/: recommended by /decisions/b/, which its "Decision guides" list leaves out',
			'/services/x/: lists /decisions/c/, which does not recommend it',
			'/services/x/: lists a guide twice',
		]);
		expect(guideListProblems({ path: '/services/y/', $: load('<p>no list</p>'), ids: new Set(), links: [] }, [])).toEqual(['/services/y/: no "Decision guides" list']);
	});
});
