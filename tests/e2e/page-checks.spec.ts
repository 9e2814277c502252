/**
 * The browser checks that every-page.spec.ts runs on every page (tests/e2e/checks.ts), run on a page
 * made to fail each of them, so that each is known to be able to.
 */
import { expect, test } from '@playwright/test';
import { browserProblems } from './checks';

const broken = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="style-src-elem 'self'"><title>Broken on purpose</title>
<style>main { color: black }</style></head>
<body><main><h1>Broken on purpose</h1>
<img src="/og/index.png">
<img src="/no-such-image.png" alt="">
<img src="https://example.invalid/tracker.png" alt="">
<script>
	console.error('an error logged on purpose');
	const link = document.createElement('a');
	link.href = '/no/such/page/from/a/script/';
	link.textContent = 'a link a script added';
	document.querySelector('main').append(link);
	setTimeout(() => { throw new Error('thrown on purpose'); });
</script>
</main></body></html>`;

test('the browser checks catch a foreign request, each kind of error, a Content-Security-Policy violation, a broken added link, a missing date and contents, and axe violations', async ({ page, baseURL }) => {
	const url = new URL('/__fixture__/broken/', baseURL).href;
	await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: broken }));
	const problems = await browserProblems(page, url);
	expect(problems.foreign).toEqual(['https://example.invalid/tracker.png']);
	expect(problems.errors).toEqual(
		expect.arrayContaining([
			'console: an error logged on purpose',
			'uncaught: thrown on purpose',
			expect.stringMatching(/^HTTP 404: .*\/no-such-image\.png$/),
		]),
	);
	expect(problems.csp).toEqual(['style-src-elem blocked inline']);
	expect(problems.links).toEqual(['/no/such/page/from/a/script/: no file answers it']);
	expect(problems.toc).toEqual(['no table of contents']);
	expect(problems.lastVerified).toEqual(['the "Last verified" date is not visible']);
	expect(problems.axe.map((line) => line.split(':')[0])).toEqual(expect.arrayContaining(['image-alt']));
});
