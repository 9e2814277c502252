import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareManifest, headingAnchors, readRedirects, updatedManifest, type Redirects } from '../../src/lib/url-manifest';

const none: Redirects = { pages: {}, anchors: {} };
const manifest = { '/': [], '/services/lambda/': ['cost-model', 'use-it-when'] };

describe('compareManifest', () => {
	it('accepts a build that publishes exactly the manifest', () => {
		expect(compareManifest(manifest, structuredClone(manifest), none)).toEqual([]);
	});

	it('fails when a page disappears without a redirect, and accepts the redirect', () => {
		const built = { '/': [], '/services/aws-lambda/': ['cost-model', 'use-it-when'] };
		const withNew = { ...manifest, '/services/aws-lambda/': ['cost-model', 'use-it-when'] };
		expect(compareManifest(withNew, built, none)).toEqual([
			'/services/lambda/ is no longer published: restore it or redirect it in content/urls/redirects.yaml',
		]);
		expect(compareManifest(withNew, built, { pages: { '/services/lambda/': '/services/aws-lambda/' }, anchors: {} })).toEqual([]);
	});

	it('fails when a heading anchor disappears, unless it is redirected to an anchor the page has', () => {
		const built = { '/': [], '/services/lambda/': ['costs', 'use-it-when'] };
		const withNew = { '/': [], '/services/lambda/': ['cost-model', 'costs', 'use-it-when'] };
		expect(compareManifest(withNew, built, none)).toEqual([
			'/services/lambda/#cost-model no longer exists: restore the heading or redirect the anchor in content/urls/redirects.yaml',
		]);
		expect(compareManifest(withNew, built, { pages: {}, anchors: { '/services/lambda/#cost-model': 'costs' } })).toEqual([]);
		expect(compareManifest(withNew, built, { pages: {}, anchors: { '/services/lambda/#cost-model': 'pricing' } })).toEqual([
			'/services/lambda/#cost-model redirects to #pricing, which the page does not have',
		]);
	});

	it('fails when a new page or anchor is not recorded', () => {
		const built = { '/': [], '/services/lambda/': ['cost-model', 'limits', 'use-it-when'], '/services/sqs/': [] };
		expect(compareManifest(manifest, built, none)).toEqual([
			'/services/lambda/ has anchors not in content/urls/published.json (#limits): run `npm run update:urls`',
			'/services/sqs/ is published but not in content/urls/published.json: run `npm run update:urls` and commit it',
		]);
	});

	it('fails on a redirect to nowhere and on a redirected page that is still published', () => {
		expect(compareManifest(manifest, manifest, { pages: { '/old/': '/gone/', '/services/lambda/': '/' }, anchors: {} })).toEqual([
			'/services/lambda/ is redirected to / but is still published: remove one of them',
			'the redirect /old/ -> /gone/ leads to a page that is not published',
		]);
	});
});

describe('updatedManifest', () => {
	it('records what is published, keeps what redirects serve and names what would break', () => {
		const built = { '/': [], '/services/aws-lambda/': ['costs'] };
		const previous = { ...manifest, '/services/sqs/': ['old'] };
		const { manifest: next, dropped } = updatedManifest(previous, built, { pages: { '/services/lambda/': '/services/aws-lambda/' }, anchors: {} });
		expect(next).toEqual({ '/': [], '/services/aws-lambda/': ['costs'], '/services/lambda/': ['cost-model', 'use-it-when'] });
		expect(dropped).toEqual(['/services/sqs/']);
	});
});

describe('headingAnchors', () => {
	it('lists h2-h6 ids, without Starlight\'s own or the wizard steps', () => {
		const html = '<h1 id="_top">T</h1><h2 id="starlight__on-this-page">x</h2><h2 id="b">B</h2><h3 class="x" id="a">A</h3><h3 id="wizard-compute-start">Q</h3><h2 id="b">again</h2>';
		expect(headingAnchors(html)).toEqual(['a', 'b']);
	});
});

describe('readRedirects', () => {
	const dir = mkdtempSync(join(tmpdir(), 'aws-patterns-redirects-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('reads the committed file', () => {
		expect(readRedirects()).toEqual(expect.objectContaining({ pages: expect.any(Object), anchors: expect.any(Object) }));
	});

	it('refuses paths without slashes and malformed anchor keys', () => {
		const file = join(dir, 'bad.yaml');
		writeFileSync(file, 'pages:\n  services/lambda: /services/aws-lambda/\n');
		expect(() => readRedirects(file)).toThrow(/start and end with "\/"/);
		writeFileSync(file, 'anchors:\n  /services/lambda/: costs\n');
		expect(() => readRedirects(file)).toThrow(/#old-id/);
	});
});
