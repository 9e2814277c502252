/**
 * The built site as files: its pages (read from the sitemap), and each page's HTML parsed once, for
 * the checks that need no browser (links, anchors, headings, head tags) and for the browser checks
 * that compare what scripts changed with what was built.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { builtCodePages } from '../../src/lib/url-manifest';

export const distDir = join(process.cwd(), 'dist');

/** The origin the built pages are read as coming from; any origin works, as only paths are compared. */
export const siteOrigin = 'http://built.site';

/** Every page path the sitemap publishes, for example "/services/lambda/". */
export function sitemapPaths(dir = distDir): string[] {
	const files = readdirSync(dir).filter((name) => /^sitemap-\d+\.xml$/.test(name));
	if (files.length === 0) throw new Error(`${dir} has no sitemap: run \`npm run build\` first.`);
	const paths = files.flatMap((name) =>
		[...readFileSync(join(dir, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
	);
	return [...new Set(paths)].sort();
}

/**
 * Each variant's code page (/patterns/<id>/<variant>/). The sitemap leaves them out (the pattern
 * page is what a search should find; these show its files, which also download raw), so the
 * checks add them here.
 */
export function codePagePaths(dir = distDir): string[] {
	return builtCodePages(dir);
}

/** The code page with the most HTML: the one the browser checks load, as the code pages differ only in their files. */
export function heaviestCodePage(dir = distDir): string {
	const sized = codePagePaths(dir).map((path) => [path, statSync(join(dir, path, 'index.html')).size] as const);
	if (sized.length === 0) throw new Error(`${dir} has no code pages: run \`npm run build\` first.`);
	return sized.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** One page of each kind, for the checks that are too slow to run on every page. */
export const pageTypes = {
	home: '/',
	'section index': '/services/',
	service: '/services/lambda/',
	'decision guide': '/decisions/compute/',
	pattern: '/patterns/serverless-rest-api/',
	guide: '/iac/',
} as const;

/** The file the static server answers a URL path with: the file itself, or for a folder's URL its index.html. */
export function builtFile(pathname: string, dir = distDir): string | undefined {
	let local: string;
	try {
		local = join(dir, decodeURIComponent(pathname));
	} catch {
		return undefined; // a malformed %-escape names no file
	}
	if (!local.startsWith(dir)) return undefined;
	// trailingSlash: 'always' (astro.config.mjs): a page is only ever its folder's URL, ending in "/".
	if (pathname.endsWith('/')) {
		const index = join(local, 'index.html');
		return existsSync(index) ? index : undefined;
	}
	return existsSync(local) && statSync(local).isFile() ? local : undefined;
}

export interface BuiltPage {
	path: string;
	$: CheerioAPI;
	/** Every id in the page. */
	ids: Set<string>;
	/** The href of every link, resolved against the page's URL. */
	links: URL[];
}

const pages = new Map<string, BuiltPage | undefined>();

/** The built page at a URL path, parsed (once per test worker); undefined when no HTML file answers it. */
export function builtPage(pathname: string, dir = distDir): BuiltPage | undefined {
	const key = `${dir}\0${pathname}`;
	if (!pages.has(key)) {
		const file = builtFile(pathname, dir);
		if (!file || !file.endsWith('.html')) {
			pages.set(key, undefined);
		} else {
			const $ = load(readFileSync(file, 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
			const base = new URL(pathname, siteOrigin);
			pages.set(key, {
				path: pathname,
				$,
				ids: new Set($('[id]').map((_, el) => $(el).attr('id')!).get()),
				links: $('a[href]')
					.map((_, el) => new URL($(el).attr('href')!, base))
					.get(),
			});
		}
	}
	return pages.get(key);
}

/**
 * What is wrong with a link from a built page, or undefined when it resolves: another origin is not
 * this check's business; a path must answer with a file; a #fragment must name an element of the
 * target page (#_top is Starlight's link to the page's top, which the browser scrolls to by itself).
 */
export function brokenLink(url: URL, dir = distDir): string | undefined {
	if (url.origin !== siteOrigin) return undefined;
	if (!builtFile(url.pathname, dir)) return 'no file answers it';
	if (!url.hash || url.hash === '#_top') return undefined;
	const target = builtPage(url.pathname, dir);
	if (!target) return 'an anchor into a file that is not a page';
	return anchorProblem(url.hash, target.ids);
}

/** What is wrong with a #fragment, given the ids of the page it points into. */
export function anchorProblem(hash: string, ids: Set<string>): string | undefined {
	try {
		return ids.has(decodeURIComponent(hash.slice(1))) ? undefined : 'no element with that id';
	} catch {
		return 'a malformed anchor';
	}
}
