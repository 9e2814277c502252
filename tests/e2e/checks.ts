/**
 * The checks every published page is held to, as functions that list what is wrong (an empty list:
 * nothing). pages.spec.ts runs the ones that need only the built HTML; every-page.spec.ts loads each
 * page once in Chromium for the others. tests/unit/page-checks.test.ts runs them on pages built to
 * fail, so that each check is known to be able to.
 */
import { readFileSync } from 'node:fs';
import type { ConsoleMessage, Page, Request, Response } from '@playwright/test';
import { codePageOf } from '../../src/lib/patterns';
import { tocTargets } from '../../src/scripts/toc-targets';
import { axeViolations } from './axe';
import { anchorProblem, brokenLink, builtFile, siteOrigin, type BuiltPage } from './site';

const lastVerified = /^Last verified \d{4}-\d{2}-\d{2}$/;

/** Internal links and #anchors of a built page that lead nowhere. */
export function linkProblems(page: BuiltPage, dir?: string): string[] {
	if (page.links.length === 0) return ['the page has no links at all'];
	return [...new Set(page.links.map((url) => url.href))].flatMap((href) => {
		const problem = brokenLink(new URL(href), dir);
		return problem ? [`${href.replace(siteOrigin, '')}: ${problem}`] : [];
	});
}

/**
 * Headings in the page's main content without an id, or without the link to it a reader can copy,
 * or, where the page has "On this page", missing from it at the levels it lists (a heading drawn by
 * a component is invisible to Starlight's table of contents).
 */
export function headingProblems({ $ }: BuiltPage): string[] {
	const toc = $('starlight-toc').first();
	const [minH, maxH] = [Number(toc.attr('data-min-h')), Number(toc.attr('data-max-h'))];
	const listed = new Set(toc.find('a[href^="#"]').toArray().map((a) => $(a).attr('href')!.slice(1)));
	const inToc = (level: number, id: string) => toc.length === 0 || level < minH || level > maxH || listed.has(id);
	return (
		$('main')
			.find('h2, h3, h4, h5, h6')
			.toArray()
			// Starlight's own "On this page" title, and the wizard's questions: a wizard step is a
			// state of the widget, and its shareable link is the ?path= URL the wizard keeps.
			.filter((h) => !($(h).attr('id') ?? '').startsWith('starlight__') && $(h).closest('decision-wizard').length === 0)
			.flatMap((h) => {
				const text = $(h).text().trim();
				const id = $(h).attr('id');
				if (!id) return [`"${text}" has no id`];
				const links = $(h)
					.parent()
					.children('a.sl-anchor-link')
					.filter((_, a) => $(a).attr('href') === `#${id}`);
				const level = Number(h.tagName.slice(1));
				return [
					...(links.length ? [] : [`"${text}" (#${id}) has no anchor link`]),
					...(inToc(level, id) ? [] : [`"${text}" (#${id}) is not in "On this page"`]),
				];
			})
	);
}

/**
 * What search engines and link previews need from the head: a description, a canonical link to the
 * page itself, Open Graph and Twitter card tags, and a preview image of the page's own that is a PNG
 * of the size the tags state; and under the title of every page but the home page, the date it was
 * last verified.
 */
export function headProblems({ $, path }: BuiltPage, dir?: string): string[] {
	const problems: string[] = [];
	const head = $('head');
	const meta = (selector: string) => head.find(selector).attr('content');
	const expectMatch = (what: string, value: string | undefined, pattern: RegExp) => {
		if (!value || !pattern.test(value)) problems.push(`${what} is ${JSON.stringify(value ?? null)}`);
	};
	expectMatch('the description', meta('meta[name="description"]'), /.{50,}/);
	expectMatch('the canonical link', head.find('link[rel="canonical"]').attr('href'), new RegExp(`^https?://[^/]+${path.replace(/\//g, '\\/')}$`));
	for (const property of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name']) expectMatch(property, meta(`meta[property="${property}"]`), /\S/);
	expectMatch('twitter:card', meta('meta[name="twitter:card"]'), /^summary_large_image$/);
	for (const name of ['twitter:title', 'twitter:description', 'twitter:image:alt']) expectMatch(name, meta(`meta[name="${name}"]`), /\S/);
	if (head.find('link[rel~="icon"]').length !== 1) problems.push(`${head.find('link[rel~="icon"]').length} icon links, not 1`);

	// The preview image: absolute (chat apps fetch it from elsewhere), this page's own, and a real PNG.
	const image = meta('meta[property="og:image"]');
	if (!image || !/^https?:\/\//.test(image)) problems.push(`og:image is ${JSON.stringify(image ?? null)}, not an absolute URL`);
	else {
		if (meta('meta[name="twitter:image"]') !== image) problems.push('twitter:image differs from og:image');
		const imagePath = new URL(image).pathname;
		// A variant's code page shares its pattern's preview (src/route-data.ts).
		const code = codePageOf(path.replace(/^\/|\/$/g, ''));
		const own = path === '/' ? '/og/index.png' : code ? `/og/patterns/${code.pattern}.png` : `/og${path.replace(/\/$/, '')}.png`;
		const file = builtFile(imagePath, dir);
		if (imagePath !== own) problems.push(`og:image is ${imagePath}, not the page's own ${own}`);
		else if (!file) problems.push(`${imagePath} is missing`);
		else {
			const bytes = readFileSync(file);
			// IHDR: width and height are the first two 32-bit big-endian numbers after the 16-byte header.
			const stated = [Number(meta('meta[property="og:image:width"]')), Number(meta('meta[property="og:image:height"]'))];
			if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') problems.push(`${imagePath} is not a PNG`);
			else if (bytes.readUInt32BE(16) !== stated[0] || bytes.readUInt32BE(20) !== stated[1]) {
				problems.push(`${imagePath} is ${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}, the tags say ${stated.join('x')}`);
			}
		}
	}
	if (path !== '/') {
		const verified = $('main p.page-meta').filter((_, p) => lastVerified.test($(p).text().trim()));
		if (verified.length !== 1 || verified.closest('[hidden]').length) problems.push('no "Last verified" date under the title');
	}
	return problems;
}

/**
 * The page's Content-Security-Policy: one meta tag, first after the charset (a policy in a meta tag
 * governs only what follows it), allowing no inline script but by hash and no other origin.
 */
export function cspProblems({ $ }: BuiltPage): string[] {
	const metas = $('meta[http-equiv="content-security-policy"]');
	if (metas.length !== 1) return [`${metas.length} Content-Security-Policy meta tags, not 1`];
	const problems: string[] = [];
	const first = $('head').children().eq(1);
	if (!first.is('meta[http-equiv="content-security-policy"]')) problems.push('the Content-Security-Policy is not the first element after the charset');
	const policy = new Map(
		(metas.attr('content') ?? '').split(';').map((d) => {
			const [name = '', ...sources] = d.trim().split(/\s+/);
			return [name, sources] as const;
		})
	);
	const scripts = policy.get('script-src') ?? [];
	if (!scripts.includes("'self'")) problems.push("script-src does not allow the site's own scripts");
	if (scripts.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*' || /^https?:/.test(s))) problems.push(`script-src is too open: ${scripts.join(' ')}`);
	if ((policy.get('default-src') ?? []).join(' ') !== "'self'") problems.push("default-src is not 'self'");
	if ((policy.get('object-src') ?? []).join(' ') !== "'none'") problems.push("object-src is not 'none'");
	return problems;
}

/**
 * Loads a page in Chromium once and lists, by kind, what a reader's browser would meet: requests to
 * other origins, errors (console, uncaught, HTTP 400 and above), links in the page as scripts left it
 * that lead nowhere, a table of contents that observes other elements than Starlight's selector
 * would, a "Last verified" date that is not visible, and axe violations. The page may have shown
 * other pages before: every-page.spec.ts reuses one per test worker, as a reader's tab would be.
 */
export interface BrowserProblems {
	foreign: string[];
	errors: string[];
	csp: string[];
	links: string[];
	toc: string[];
	lastVerified: string[];
	axe: string[];
}

/**
 * Records every Content-Security-Policy violation the page reports, from before its first script
 * runs; read them with cspViolations(). Safe to call more than once for a page.
 */
export async function watchCsp(page: Page): Promise<void> {
	if (watched.has(page)) return;
	watched.add(page);
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${event.sample ? ` (${event.sample.slice(0, 60)})` : ''}`);
		});
	});
}
const watched = new WeakSet<Page>();

export async function cspViolations(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['the CSP watcher did not run']);
}

export async function browserProblems(page: Page, url: string): Promise<BrowserProblems> {
	const { origin, pathname: path } = new URL(url);
	await watchCsp(page);
	const foreign: string[] = [];
	const errors: string[] = [];
	const onRequest = (request: Request) => {
		const url = new URL(request.url());
		if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) foreign.push(request.url());
	};
	const onConsole = (message: ConsoleMessage) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	};
	const onPageError = (error: Error) => errors.push(`uncaught: ${error.message}`);
	const onResponse = (response: Response) => {
		if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
	};
	page.on('request', onRequest);
	page.on('console', onConsole);
	page.on('pageerror', onPageError);
	page.on('response', onResponse);
	try {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(url);
		// Starlight builds its search form when the page is idle; axe must see the page with it.
		if ((await page.locator('site-search').count()) > 0) await page.locator('#starlight__search .pagefind-ui').waitFor({ state: 'attached' });

		// Every link as scripts left it (built links are checked without a browser too, by
		// linkProblems; this also covers any a script adds or changes). Anchors into this page are
		// looked up in the live page, others in the built target page.
		const { hrefs, ids } = await page.evaluate(() => ({
			hrefs: [...new Set([...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!))],
			ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
		}));
		const here = new URL(path, siteOrigin);
		const liveIds = new Set(ids);
		const links = [...new Set(hrefs.map((href) => new URL(href, here).href))].flatMap((href) => {
			const link = new URL(href);
			const problem =
				link.origin === siteOrigin && link.pathname === here.pathname && link.hash && link.hash !== '#_top' ? anchorProblem(link.hash, liveIds) : brokenLink(link);
			return problem ? [`${href.replace(siteOrigin, '')}: ${problem}`] : [];
		});

		const toc = await tocProblems(page);
		const visible = path === '/' || (await page.locator('main p.page-meta').filter({ hasText: lastVerified }).first().isVisible());
		const axe = await axeViolations(page);
		// Last, so that every request the page makes by itself counts, while the checks above overlap the wait.
		await page.waitForLoadState('networkidle');
		return {
			foreign,
			errors,
			csp: await cspViolations(page),
			links,
			toc: toc ?? (path === '/' ? [] : ['no table of contents']),
			lastVerified: visible ? [] : ['the "Last verified" date is not visible'],
			axe,
		};
	} finally {
		page.off('request', onRequest);
		page.off('console', onConsole);
		page.off('pageerror', onPageError);
		page.off('response', onResponse);
	}
}

/**
 * "On this page" observes a set of elements; the site finds them with src/scripts/toc-targets.ts
 * (see src/plugins/fast-toc.ts) instead of Starlight's selector, written out here from Starlight
 * 0.42's starlight-toc.ts as the reference. Undefined where the page has no table of contents.
 */
async function tocProblems(page: Page): Promise<string[] | undefined> {
	const toc = page.locator('starlight-toc');
	if ((await toc.count()) === 0) return undefined;
	const [minH, maxH] = await Promise.all([toc.getAttribute('data-min-h'), toc.getAttribute('data-max-h')]);
	const levels = Array.from({ length: 1 + Number(maxH) - Number(minH) }, (_, i) => `h${Number(minH) + i}`);
	const headings = `h1#_top,:where(${levels.join()})[id]`;
	const reference = [
		`main :where(${headings})`,
		`main :where(${headings}, .sl-heading-wrapper) ~ *:not(:has(${headings}))`,
		`main .sl-markdown-content > *:not(:has(${headings}))`,
		`main > *:not(:has(${headings}))`,
	].join();
	const result = await page.evaluate(
		({ find, headings, reference }) => {
			const ours = new Set((new Function(`return (${find})`)() as (h: string) => Element[])(headings));
			const theirs = new Set(document.querySelectorAll(reference));
			const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`;
			return {
				count: theirs.size,
				missing: [...theirs].filter((e) => !ours.has(e)).map(describe),
				extra: [...ours].filter((e) => !theirs.has(e)).map(describe),
			};
		},
		{ find: tocTargets.toString(), headings, reference },
	);
	return [
		...result.missing.map((e) => `Starlight observes ${e}, the replacement does not`),
		...result.extra.map((e) => `the replacement observes ${e}, Starlight does not`),
		...(result.count === 0 ? ['Starlight would observe nothing'] : []),
	];
}

/**
 * A service page's "Decision guides" list (RelatedLinks) against the guides that recommend the
 * service: each guide once, none missing, none extra. `expected` holds site paths ("/decisions/x/").
 */
export function guideListProblems(page: BuiltPage, expected: string[]): string[] {
	const { $ } = page;
	const term = $('.related-links dt').filter((_, el) => $(el).text().trim() === 'Decision guides');
	if (term.length !== 1) return [`${page.path}: no "Decision guides" list`];
	const listed = term
		.next('dd')
		.find('a[href]')
		.map((_, el) => new URL($(el).attr('href')!, `http://site${page.path}`).pathname)
		.get();
	const problems: string[] = [];
	for (const path of expected) if (!listed.includes(path)) problems.push(`${page.path}: recommended by ${path}, which its "Decision guides" list leaves out`);
	for (const path of new Set(listed)) if (!expected.includes(path)) problems.push(`${page.path}: lists ${path}, which does not recommend it`);
	if (new Set(listed).size !== listed.length) problems.push(`${page.path}: lists a guide twice`);
	return problems;
}
