/**
 * Link-preview images (Open Graph and Twitter cards), one per page, drawn at build time by the same
 * Debian Chromium that renders the diagrams: an HTML card with the page's category, title and
 * description, screenshotted at 1200 x 630 pixels. Everything the card needs is inline, so the build
 * makes no network request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from './browser.ts';
import { cachedBytes, chromiumIdentity, packageVersion } from './build-cache.ts';

export const ogImageSize = { width: 1200, height: 630 } as const;

export interface OgCard {
	title: string;
	description: string;
	category: string;
	/** Host and path shown at the bottom of the card, such as "aws-patterns.dev/services/lambda/". */
	address: string;
}

const escape = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Long titles get a smaller type size, so every title fits in three lines. */
export function titleSize(title: string): number {
	if (title.length <= 32) return 76;
	if (title.length <= 56) return 64;
	return 52;
}

export function cardHtml(card: OgCard, logoSvg = readFileSync(join(process.cwd(), 'src', 'assets', 'logo.svg'), 'utf8')): string {
	return `<!doctype html><html><head><meta charset="utf-8"><style>
	* { box-sizing: border-box; margin: 0; }
	html, body { width: ${ogImageSize.width}px; height: ${ogImageSize.height}px; }
	body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; background: #17202c; color: #f4f6f8;
		padding: 64px 72px; display: flex; flex-direction: column; border-top: 14px solid #ff9900; }
	header { display: flex; align-items: center; gap: 20px; font-size: 34px; font-weight: bold; }
	header svg { width: 60px; height: 60px; }
	.category { margin-left: auto; font-size: 26px; font-weight: bold; color: #17202c; background: #ff9900; padding: 8px 20px; border-radius: 999px; }
	h1 { margin-top: 56px; font-size: ${titleSize(card.title)}px; line-height: 1.12; letter-spacing: -0.5px;
		display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
	p { margin-top: 28px; font-size: 29px; line-height: 1.4; color: #c5cdd6;
		display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
	footer { margin-top: auto; font-size: 24px; color: #9aa7b4; }
	</style></head><body>
	<header>${logoSvg}<span>AWS Patterns</span><span class="category">${escape(card.category)}</span></header>
	<h1>${escape(card.title)}</h1>
	<p>${escape(card.description)}</p>
	<footer>${escape(card.address)}</footer>
	</body></html>`;
}

interface OgState {
	page?: Promise<{ browser: Browser; page: Page }> | undefined;
	// One page draws every card, one at a time.
	queue: Promise<unknown>;
}

// Shared across the module copies Astro loads (config and page bundle), like the diagram renderer.
const stateKey = Symbol.for('aws-patterns.og-renderer');
const state: OgState = ((globalThis as Record<symbol, unknown>)[stateKey] as OgState) ?? { queue: Promise.resolve() };
(globalThis as Record<symbol, unknown>)[stateKey] = state;

async function openPage(): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch(chromiumLaunchOptions());
	const page = await browser.newPage({ viewport: ogImageSize, deviceScaleFactor: 1 });
	// The card is self-contained; refuse anything that would leave the machine.
	await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
	return { browser, page };
}

/** The PNG for one card. */
export function renderOgImage(card: OgCard): Promise<Buffer> {
	const html = cardHtml(card);
	const job = state.queue.then(() =>
		// The card's HTML holds everything drawn; the Chromium build draws it.
		cachedBytes('og-images', [packageVersion('playwright-core'), chromiumIdentity(), ogImageSize, html], async () => {
			state.page ??= openPage();
			const { page } = await state.page;
			await page.setContent(html, { waitUntil: 'load' });
			return page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...ogImageSize } });
		}),
	);
	state.queue = job.catch(() => undefined);
	return job;
}

export async function closeOgRenderer(): Promise<void> {
	const open = state.page;
	state.page = undefined;
	if (open) await (await open).browser.close();
}
