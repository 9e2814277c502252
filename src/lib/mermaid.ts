/**
 * Renders Mermaid to SVG at build time in a headless Chromium, so no Mermaid JavaScript reaches the
 * browser. Each diagram is rendered twice, for Starlight's light and dark themes; CSS shows the one
 * that matches `data-theme`. One browser serves the whole build and is closed by `closeRenderer()`.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { optimize } from 'svgo';
import { chromiumLaunchOptions } from './browser.ts';
import { cachedBytes, chromiumIdentity, packageVersion, sourceHash } from './build-cache.ts';

export interface DiagramInput {
	code: string;
	/** Short accessible name, read before the diagram. */
	title: string;
	/** One or two sentences saying what the diagram shows. */
	description: string;
}

export interface DiagramEdge {
	from: string;
	to: string;
	label: string;
}

export interface RenderedDiagram {
	id: string;
	light: string;
	dark: string;
	/** Nodes and edges as Mermaid parsed them: the basis of the text alternative. */
	nodes: Array<{ id: string; label: string }>;
	edges: DiagramEdge[];
}

const require = createRequire(import.meta.url);
const themes = { light: 'default', dark: 'dark' } as const;
const fontFamily = 'ui-sans-serif, system-ui, -apple-system, sans-serif';

/**
 * Mermaid writes coordinates with 15 digits and hand-drawn shapes as thousands of points: a
 * four-box diagram came to 66 KB. One decimal is finer than a pixel. Ids stay as they are,
 * because the title, description and scoped styles refer to them; shapes stay shapes, because
 * Mermaid's styles select `rect` (edge-label backgrounds).
 */
export function compactSvg(svg: string): string {
	return optimize(svg, {
		multipass: true,
		floatPrecision: 1,
		plugins: [
			{ name: 'preset-default', params: { overrides: { cleanupIds: false, removeUnknownsAndDefaults: false, inlineStyles: false, mergePaths: false, convertShapeToPath: false } } },
			{ name: 'removeAttrs', params: { attrs: ['data-points', 'data-look', 'data-et', 'data-id', 'data-node'] } },
		],
	}).data;
}

interface RendererState {
	page?: Promise<{ browser: Browser; page: Page }> | undefined;
	// Mermaid's configuration is global to the page, so renders run one at a time.
	queue: Promise<unknown>;
	cache: Map<string, Promise<RenderedDiagram>>;
}

// Astro loads this module once for the config and again inside the build's page bundle; the state
// lives on globalThis so the integration's closeRenderer() closes the browser the pages opened.
const stateKey = Symbol.for('aws-patterns.mermaid-renderer');
const state: RendererState = ((globalThis as Record<symbol, unknown>)[stateKey] as RendererState) ?? {
	queue: Promise.resolve(),
	cache: new Map(),
};
(globalThis as Record<symbol, unknown>)[stateKey] = state;

async function openPage(): Promise<{ browser: Browser; page: Page }> {
	let browser: Browser;
	try {
		browser = await chromium.launch(chromiumLaunchOptions());
	} catch (error) {
		throw new Error(
			'Rendering diagrams needs Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`, ' +
				'elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH.\n' +
				(error as Error).message
		);
	}
	const page = await browser.newPage();
	await page.setContent('<!doctype html><html><head></head><body></body></html>');
	await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
	return { browser, page };
}

/** Injects the accessible title and description as Mermaid's accTitle/accDescr lines. */
export function withAccessibility({ code, title, description }: DiagramInput): string {
	const [header, ...body] = code.trim().split('\n');
	const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
	return [header, `  accTitle: ${oneLine(title)}`, `  accDescr: ${oneLine(description)}`, ...body].join('\n');
}

export function diagramId(input: DiagramInput): string {
	return 'dia-' + createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 10);
}

async function render(input: DiagramInput): Promise<RenderedDiagram> {
	state.page ??= openPage();
	const { page } = await state.page;
	const id = diagramId(input);
	const code = withAccessibility(input);
	const result = await page.evaluate(
		async ({ code, id, themes, fontFamily }) => {
			const mermaid = (globalThis as any).mermaid;
			const out: Record<string, string> = {};
			for (const [name, theme] of Object.entries(themes)) {
				mermaid.initialize({
					startOnLoad: false,
					theme,
					securityLevel: 'strict',
					fontFamily,
					htmlLabels: false,
					flowchart: { htmlLabels: false },
				});
				const { svg } = await mermaid.render(`${id}-${name}`, code);
				out[name] = svg;
			}
			const diagram = await mermaid.mermaidAPI.getDiagramFromText(code);
			const db = diagram.db;
			const vertices = db.getVertices ? db.getVertices() : new Map();
			const nodes = [...(vertices instanceof Map ? vertices.values() : Object.values(vertices))].map(
				(v: any) => ({ id: String(v.id), label: String(v.text ?? v.id) })
			);
			const edges = (db.getEdges ? db.getEdges() : []).map((e: any) => ({
				from: String(e.start),
				to: String(e.end),
				label: String(e.text ?? ''),
			}));
			return { light: out.light!, dark: out.dark!, nodes, edges };
		},
		{ code, id, themes, fontFamily }
	);
	return { id, ...result, light: compactSvg(result.light), dark: compactSvg(result.dark) };
}

/** What shapes a rendering besides its input: Mermaid, svgo, Chromium, and this module's own code. */
function rendererVersion(): string[] {
	return [packageVersion('mermaid'), packageVersion('svgo'), chromiumIdentity(), sourceHash('src/lib/mermaid.ts')];
}

/** Renders (or returns the cached rendering of) one diagram. Throws with Mermaid's parse error. */
export function renderDiagram(input: DiagramInput): Promise<RenderedDiagram> {
	const key = JSON.stringify(input);
	let rendered = state.cache.get(key);
	if (!rendered) {
		rendered = state.queue.then(async () => {
			const bytes = await cachedBytes('diagrams', [rendererVersion(), input], async () => Buffer.from(JSON.stringify(await render(input))));
			return JSON.parse(bytes.toString('utf8')) as RenderedDiagram;
		});
		state.queue = rendered.catch(() => undefined);
		rendered = rendered.catch((error: Error) => {
			state.cache.delete(key);
			throw new Error(`Mermaid could not render the diagram "${input.title}": ${error.message}`);
		});
		state.cache.set(key, rendered);
	}
	return rendered;
}

export async function closeRenderer(): Promise<void> {
	const current = state.page;
	state.page = undefined;
	if (current) await (await current).browser.close();
}

/**
 * The same flowchart laid out top to bottom, for narrow screens, where a left-to-right drawing
 * shrinks its labels below reading size; undefined when it already runs top to bottom.
 */
export function narrowLayout(code: string): string | undefined {
	const [header = '', ...body] = code.trim().split('\n');
	const match = /^(\s*(?:flowchart|graph))\s+(LR|RL)\s*$/.exec(header);
	return match ? [`${match[1]} TB`, ...body].join('\n') : undefined;
}
