/**
 * Links into this site live in team wikis and chat history, so a published URL or heading anchor
 * must keep working. content/urls/published.json lists every page and its heading anchors;
 * content/urls/redirects.yaml lists every redirect. The end-to-end tests compare the built site
 * with both, and `npm run update:urls` rewrites the manifest after a deliberate change.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { iacVariants } from '../schemas/pattern.ts';

/** Page path ("/services/lambda/") -> its heading anchors, sorted. */
export type UrlManifest = Record<string, string[]>;

export interface Redirects {
	/** Old page path -> new page path. */
	pages: Record<string, string>;
	/** "path#old-id" -> "new-id" on the same page. */
	anchors: Record<string, string>;
}

export const manifestFile = join(process.cwd(), 'content', 'urls', 'published.json');
export const redirectsFile = join(process.cwd(), 'content', 'urls', 'redirects.yaml');

export function readRedirects(file = redirectsFile): Redirects {
	const data = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Partial<Redirects>;
	const pages = data.pages ?? {};
	const anchors = data.anchors ?? {};
	for (const [from, to] of Object.entries(pages)) {
		if (!/^\/(.+\/)?$/.test(from) || !/^\/(.+\/)?$/.test(to)) {
			throw new Error(`${file}: pages: "${from}" -> "${to}": both must be site paths that start and end with "/"`);
		}
	}
	for (const [from, to] of Object.entries(anchors)) {
		if (!/^\/(.+\/)?#[^#\s]+$/.test(from) || !/^[^#\s]+$/.test(to)) {
			throw new Error(`${file}: anchors: "${from}" -> "${to}": write "/path/#old-id": new-id`);
		}
	}
	return { pages, anchors };
}

export function readManifest(file = manifestFile): UrlManifest {
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as UrlManifest) : {};
}

/**
 * The anchors a reader can link to: ids of h2-h6 headings, without Starlight's own
 * ("starlight__on-this-page") and the decision wizards' steps ("wizard-..."), whose link is ?path=.
 */
export function headingAnchors(html: string): string[] {
	const ids = [...html.matchAll(/<h[2-6]\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
	return [...new Set(ids.filter((id) => !id.startsWith('starlight__') && !id.startsWith('wizard-')))].sort();
}

/** The code page of each pattern variant in a build (/patterns/<id>/<variant>/), sorted; the sitemap leaves them out. */
export function builtCodePages(distDir: string): string[] {
	const patternsDir = join(distDir, 'patterns');
	if (!existsSync(patternsDir)) return [];
	return readdirSync(patternsDir)
		.flatMap((pattern) => iacVariants.map((variant) => `/patterns/${pattern}/${variant}/`))
		.filter((path) => existsSync(join(distDir, path, 'index.html')))
		.sort();
}

/**
 * Every page the built site publishes, with its anchors: the sitemap's pages, and each pattern
 * variant's code page, which the sitemap leaves out but readers link to all the same.
 */
export function scanDist(distDir: string, base = '/'): UrlManifest {
	const sitemaps = readdirSync(distDir).filter((name) => /^sitemap-\d+\.xml$/.test(name));
	if (sitemaps.length === 0) throw new Error(`${distDir} has no sitemap: build the site first.`);
	const prefix = base.replace(/\/$/, '');
	const paths = sitemaps
		.flatMap((name) => [...readFileSync(join(distDir, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname))
		.map((path) => (prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path));
	const manifest: UrlManifest = {};
	for (const path of [...new Set([...paths, ...builtCodePages(distDir)])].sort()) {
		manifest[path] = headingAnchors(readFileSync(join(distDir, path, 'index.html'), 'utf8'));
	}
	return manifest;
}

/** What breaks or goes unrecorded when the site publishes `built` instead of `manifest`. */
export function compareManifest(manifest: UrlManifest, built: UrlManifest, redirects: Redirects): string[] {
	const problems: string[] = [];
	for (const [path, anchors] of Object.entries(manifest)) {
		const target = redirects.pages[path];
		if (!(path in built)) {
			if (!target) problems.push(`${path} is no longer published: restore it or redirect it in content/urls/redirects.yaml`);
			continue;
		}
		if (target) problems.push(`${path} is redirected to ${target} but is still published: remove one of them`);
		for (const anchor of anchors) {
			if (built[path]!.includes(anchor)) continue;
			const to = redirects.anchors[`${path}#${anchor}`];
			if (!to) problems.push(`${path}#${anchor} no longer exists: restore the heading or redirect the anchor in content/urls/redirects.yaml`);
			else if (!built[path]!.includes(to)) problems.push(`${path}#${anchor} redirects to #${to}, which the page does not have`);
		}
	}
	for (const [from, to] of Object.entries(redirects.pages)) {
		if (!(to in built)) problems.push(`the redirect ${from} -> ${to} leads to a page that is not published`);
	}
	for (const [path, anchors] of Object.entries(built)) {
		if (!(path in manifest)) {
			problems.push(`${path} is published but not in content/urls/published.json: run \`npm run update:urls\` and commit it`);
			continue;
		}
		const missing = anchors.filter((anchor) => !manifest[path]!.includes(anchor));
		if (missing.length > 0) {
			problems.push(`${path} has anchors not in content/urls/published.json (${missing.map((a) => `#${a}`).join(', ')}): run \`npm run update:urls\``);
		}
	}
	return problems;
}

/**
 * The manifest to commit after a change: everything published now, plus every earlier entry a
 * redirect still serves. Entries that vanished without a redirect are dropped and returned, so the
 * update can say what will break.
 */
export function updatedManifest(previous: UrlManifest, built: UrlManifest, redirects: Redirects): { manifest: UrlManifest; dropped: string[] } {
	const manifest: UrlManifest = structuredClone(built);
	const dropped: string[] = [];
	for (const [path, anchors] of Object.entries(previous)) {
		if (!(path in built)) {
			if (redirects.pages[path]) manifest[path] = anchors;
			else dropped.push(path);
			continue;
		}
		for (const anchor of anchors) {
			if (built[path]!.includes(anchor)) continue;
			if (redirects.anchors[`${path}#${anchor}`]) manifest[path] = [...new Set([...manifest[path]!, anchor])].sort();
			else dropped.push(`${path}#${anchor}`);
		}
	}
	const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
	return { manifest: sorted, dropped };
}
