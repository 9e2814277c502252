import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cspProblems } from '../e2e/checks';
import type { BuiltPage } from '../e2e/site';
import { withCsp } from '../../src/plugins/csp';

const page = (html: string) => ({ $: load(html) }) as unknown as BuiltPage;
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const html = `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>t</title><script>let a = 1;</script><style>p{color:red}</style></head>
<body><svg><style>.node &gt; rect { fill: red }</style></svg><script type="module" src="/_astro/x.js"></script></body></html>`;

describe('the Content-Security-Policy written into each page', () => {
	const out = withCsp(html);
	const policy = load(out)('meta[http-equiv="content-security-policy"]').attr('content')!;

	it('allows each inline script and style by the hash of the text a browser reads, and nothing inline else', () => {
		expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash('let a = 1;')}`);
		// The SVG's style is foreign content: the browser decodes &gt; before hashing its text.
		expect(policy).toContain(`style-src-elem 'self' ${[hash('.node > rect { fill: red }'), hash('p{color:red}')].sort().join(' ')}`);
		expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
	});

	it('puts it first after the charset, where the page checks want it', () => {
		expect(out.indexOf('<meta charset="utf-8"/><meta http-equiv="content-security-policy"')).toBeGreaterThan(0);
		expect(cspProblems(page(out))).toEqual([]);
	});

	it('refuses a page that already has one', () => {
		expect(() => withCsp(out)).toThrow('already has a Content-Security-Policy');
	});
});

describe('the page check of the policy', () => {
	it('names a missing policy, a late one, and one that lets any inline script run', () => {
		expect(cspProblems(page(html))).toEqual(['0 Content-Security-Policy meta tags, not 1']);
		const late = `<html><head><meta charset="utf-8"><title>t</title><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'"></head></html>`;
		expect(cspProblems(page(late))).toEqual([
			'the Content-Security-Policy is not the first element after the charset',
			"script-src is too open: 'self' 'unsafe-inline'",
		]);
		const open = `<html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src https://cdn.example"></head></html>`;
		expect(cspProblems(page(open))).toEqual([
			"script-src does not allow the site's own scripts",
			'script-src is too open: https://cdn.example',
			"default-src is not 'self'",
			"object-src is not 'none'",
		]);
	});
});
