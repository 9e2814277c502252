import type { AstroIntegration } from 'astro';
import { load } from 'cheerio';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A Content-Security-Policy on every page, as a meta tag with the hash of each inline script and
 * style the page carries, written into the built HTML once the build is done.
 *
 * Astro's own `security.csp` hashes the scripts and styles it bundles, but not `is:inline` scripts
 * (Starlight's theme and tab scripts, the site's head script) nor the styles inside the diagrams'
 * inline SVG, so it would block them. This hashes whatever the final HTML holds.
 *
 * What the policy allows, and why:
 * - scripts and styles from the site itself, and inline ones only by hash;
 * - 'wasm-unsafe-eval': Pagefind runs its search index in WebAssembly;
 * - style attributes: Expressive Code colours each token with one, and Starlight sets a few; an
 *   attribute cannot run script, and hashing several hundred per page would triple the header;
 * - images from the site and data: URLs (icons in the stylesheets);
 * - nothing else: no other origin, no plugins, no <base>, no form posting elsewhere.
 */
export function cspPolicy(scriptHashes: Iterable<string>, styleHashes: Iterable<string>): string {
	const list = (hashes: Iterable<string>) => [...new Set(hashes)].sort().map((h) => `'${h}'`).join(' ');
	return [
		"default-src 'self'",
		`script-src 'self' 'wasm-unsafe-eval' ${list(scriptHashes)}`.trim(),
		// Browsers without the -elem and -attr directives fall back to style-src.
		"style-src 'self' 'unsafe-inline'",
		`style-src-elem 'self' ${list(styleHashes)}`.trim(),
		"style-src-attr 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
	].join('; ');
}

function sha256(text: string): string {
	return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The page with its policy: hashes of the inline scripts and styles as a browser reads their text. */
export function withCsp(html: string): string {
	if (html.includes('http-equiv="content-security-policy"')) throw new Error('The page already has a Content-Security-Policy meta tag.');
	const $ = load(html);
	const scripts = $('script:not([src])')
		.toArray()
		.map((el) => sha256($(el).text()));
	const styles = $('style')
		.toArray()
		.map((el) => sha256($(el).text()));
	const meta = `<meta http-equiv="content-security-policy" content="${cspPolicy(scripts, styles)}">`;
	// First in <head>, after the charset: a policy in a meta tag governs only what follows it.
	const charset = /<meta charset="utf-8"\s*\/?>/i;
	if (charset.test(html)) return html.replace(charset, (tag) => `${tag}${meta}`);
	if (/<head>/i.test(html)) return html.replace(/<head>/i, (tag) => `${tag}${meta}`);
	throw new Error('The page has no <head> to put its Content-Security-Policy in.');
}

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return htmlFiles(path);
		return entry.name.endsWith('.html') ? [path] : [];
	});
}

export function contentSecurityPolicy(): AstroIntegration {
	return {
		name: 'aws-patterns:content-security-policy',
		hooks: {
			'astro:build:done': ({ dir, logger }) => {
				const files = htmlFiles(fileURLToPath(dir));
				for (const file of files) writeFileSync(file, withCsp(readFileSync(file, 'utf8')));
				logger.info(`Content-Security-Policy written into ${files.length} pages.`);
			},
		},
	};
}
