#!/usr/bin/env node
/**
 * `npm run bench`: how heavy and how fast the site is, per page type. Not part of CI; the budgets CI
 * enforces are in tests/e2e/budgets.spec.ts, and both use the measurements in tests/perf/measure.ts.
 *
 *   1. Copies the repository (working tree, without dist or .git; node_modules as hard links) to a
 *      temporary directory and builds it there from clean; the build time is the 1x figure.
 *   2. Serves that build and measures, in Chromium, the gzipped HTML, CSS and JS of the home, a
 *      service, a decision guide, a pattern and the site's plainest page (first load, and JS loaded
 *      in the idle seconds after), each as a ratio to the plainest page; Lighthouse mobile scores
 *      (median of runs); the time from typing "lambda" into the search dialog to visible results,
 *      and the bytes Pagefind fetches for it.
 *   3. Builds again with 4x and 16x the page count: copies of the service pages as plain docs pages
 *      (no `service` block, so no duplicate ids or aliases) in src/content/docs/services/bench-copies/,
 *      listed in a collapsed sidebar group as real pages would be.
 *
 * Options:
 *   --quick            one Lighthouse and search run instead of three, and no 16x build
 *   --json [file]      also write the figures as JSON (default: bench-results.json)
 *   --dist <dir>       measure this existing build instead of building one (build timing still runs)
 *   --no-builds        skip the 4x and 16x builds (with --dist, no build at all)
 *   --port <n>         port of the bench's static server (default 4331)
 *   --tmp <dir>        where to put the copy (default the OS temp dir; must be on the repository's file
 *                      system, as the copy hard-links node_modules)
 *   --keep             keep the temporary copy, for looking at a failed build
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../src/lib/browser.ts';
import {
	budgetPages,
	budgets,
	builtPages,
	kb,
	lighthouseCategories,
	measurePage,
	measureSearch,
	plainestPage,
	serveDir,
	startLighthouse,
} from '../tests/perf/measure.ts';

const repo = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	if (i === -1) return undefined;
	const value = args[i + 1];
	return value && !value.startsWith('--') ? value : fallback;
};
const quick = flag('--quick');
const jsonFile = option('--json', 'bench-results.json');
const givenDist = option('--dist');
const noBuilds = flag('--no-builds');
const port = Number(option('--port') ?? 4331);
const tmpRoot = resolve(option('--tmp') ?? tmpdir());
const runs = quick ? 1 : 3;
const scales = noBuilds ? [] : quick ? [4] : [4, 16];
const buildLimitMs = 30 * 60_000;

const log = (message) => process.stderr.write(`${message}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------------------------------------------------------------------------------------------
// A clean copy of the repository to build in

function makeCopy() {
	const dir = mkdtempSync(join(tmpRoot, 'aws-patterns-bench-'));
	// Not copied: dependencies (linked below), builds (dist, dist-subpath, ...), caches and reports.
	const skip = /^(node_modules|dist(-.*)?|\.git|\.astro|test-results|playwright-report)$/;
	for (const name of readdirSync(repo)) {
		if (skip.test(name)) continue;
		cpSync(join(repo, name), join(dir, name), { recursive: true });
	}
	// node_modules as hard links: real paths inside the copy (Astro and Vite do not build through a
	// symlinked node_modules) at no disk cost, and the copy's own caches (.astro, .vite).
	try {
		linkTree(join(repo, 'node_modules'), join(dir, 'node_modules'));
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		if (error.code === 'EXDEV') {
			throw new Error(`${tmpRoot} is on another file system than ${repo}: pass --tmp <dir> on the same one`);
		}
		throw error;
	}
	return dir;
}

/** Recreates a directory tree with hard-linked files, leaving out caches (.astro, .vite, .cache). */
function linkTree(from, to) {
	mkdirSync(to, { recursive: true });
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		if (from.endsWith('node_modules') && ['.astro', '.vite', '.cache'].includes(entry.name)) continue;
		const source = join(from, entry.name);
		const target = join(to, entry.name);
		if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
		else if (entry.isDirectory()) linkTree(source, target);
		else linkSync(source, target);
	}
}

/**
 * Where the generated pages go: inside an existing section (the Markdown export and llms.txt
 * know each top-level folder), in a folder of their own.
 */
const benchFolder = 'services/bench-copies';

/** Adds copies of the service pages so that the site has `scale` times `basePages` pages. */
function generatePages(dir, scale, basePages) {
	const servicesDir = join(dir, 'src/content/docs/services');
	const sources = readdirSync(servicesDir)
		.filter((name) => /\.mdx?$/.test(name) && !/^index\./.test(name))
		.sort()
		.map((name) => ({ name, text: readFileSync(join(servicesDir, name), 'utf8') }));
	const benchDir = join(dir, 'src/content/docs', benchFolder);
	rmSync(benchDir, { recursive: true, force: true });
	mkdirSync(benchDir, { recursive: true });
	const extra = (scale - 1) * basePages;
	for (let i = 0; i < extra; i++) {
		const { name, text } = sources[i % sources.length];
		const copy = Math.floor(i / sources.length) + 1;
		const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
		if (frontmatter === undefined) throw new Error(`src/content/docs/services/${name} has no frontmatter`);
		const plain = frontmatter
			.replace(/^service:\n(?:[ \t]+.*\n?)*/m, '') // the page is a copy, not a service
			.replace(/^title: (.*)$/m, (_, title) => `title: ${JSON.stringify(`${title.replace(/^["']|["']$/g, '')} (bench copy ${copy})`)}`);
		// One folder deeper than services/: relative imports gain a "../".
		const imports = body.replace(/(\bfrom\s+['"])(\.\.?\/)/g, '$1../$2');
		writeFileSync(join(benchDir, name.replace(/(\.mdx?)$/, `-${copy}$1`)), `---\n${plain.trimEnd()}\n---\n${imports}`);
	}
	// List them in the sidebar, as pages of a bigger site would be: every page renders the sidebar.
	const configFile = join(dir, 'astro.config.mjs');
	const config = readFileSync(configFile, 'utf8');
	if (!config.includes(`directory: '${benchFolder}'`)) {
		const group = `{ label: 'Bench copies', collapsed: true, items: [{ autogenerate: { directory: '${benchFolder}' } }] },`;
		if (!/sidebar:\s*\[/.test(config)) log('  (astro.config.mjs has no sidebar array: the copies are built but not listed)');
		writeFileSync(configFile, config.replace(/sidebar:\s*\[/, (match) => `${match}\n\t\t\t\t${group}`));
	}
	return extra;
}

/** A clean `astro build` in `dir`; resolves with seconds and the pages built. */
function build(dir, outDir) {
	for (const cache of ['.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.cache']) rmSync(join(dir, cache), { recursive: true, force: true });
	rmSync(outDir, { recursive: true, force: true });
	return new Promise((done, fail) => {
		const started = performance.now();
		const output = [];
		const child = spawn(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
			cwd: dir,
			env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, buildLimitMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const seconds = (performance.now() - started) / 1000;
			if (code === 0) return done({ seconds, pages: builtPages(outDir).length });
			const tail = Buffer.concat(output).toString().split('\n').slice(-25).join('\n');
			fail(new Error(`astro build in ${dir} failed (${signal ?? `exit ${code}`}) after ${seconds.toFixed(0)} s:\n${tail}`));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Measuring a served build

async function measureSite(dist) {
	const { server, url: origin } = await serveDir(dist, port).catch(() => serveDir(dist, 0));
	const plainest = plainestPage(dist);
	const pages = { ...budgetPages, plainest };
	try {
		log(`Measuring ${dist} at ${origin} (plainest page: ${plainest})`);
		const browser = await chromium.launch(chromiumLaunchOptions());
		const weights = {};
		const search = [];
		try {
			for (const [type, path] of Object.entries(pages)) {
				log(`  page weight: ${path}`);
				weights[type] = await measurePage(browser, origin + path);
			}
			for (let i = 0; i < runs; i++) {
				log(`  search run ${i + 1}/${runs}`);
				search.push(await measureSearch(browser, origin, 'lambda'));
			}
		} finally {
			await browser.close();
		}
		const lighthouse = {};
		const session = await startLighthouse();
		try {
			for (const [type, path] of Object.entries(pages)) {
				const results = [];
				for (let i = 0; i < runs; i++) {
					log(`  Lighthouse ${path} run ${i + 1}/${runs}`);
					results.push(await session.run(origin + path));
				}
				const scores = Object.fromEntries(lighthouseCategories.map((id) => [id, median(results.map((r) => r.scores[id]))]));
				const middle = [...results].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(results.length / 2)];
				lighthouse[type] = { path, scores, runs: results.map((r) => r.scores), metrics: middle.metrics, failing: middle.failing };
			}
		} finally {
			await session.close();
		}
		return { plainest, weights, search, lighthouse };
	} finally {
		server.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Report

function table(headers, rows) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
	const line = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function report({ site, builds }) {
	const out = [];
	if (site) {
		const { weights, plainest, search, lighthouse } = site;
		const base = weights.plainest;
		const cell = (bytes, baseBytes) => `${kb(bytes).toFixed(1)} (${(bytes / baseBytes).toFixed(2)}x)`;
		out.push(`Page weight: gzipped KB fetched on first load, and the ratio to the plainest page (${plainest})`);
		out.push(
			table(
				['page', 'path', 'HTML', 'CSS', 'JS', 'JS idle', 'JS total', 'other'],
				Object.entries(weights).map(([type, w]) => [
					type,
					w.path,
					cell(w.html, base.html),
					cell(w.css, base.css),
					cell(w.firstLoadJs, base.firstLoadJs),
					kb(w.idleJs).toFixed(1),
					kb(w.totalJs).toFixed(1),
					kb(w.other + w.idleOther).toFixed(1),
				])
			)
		);
		out.push(
			`JS = script files + inline scripts run on first load (budget ${budgets.firstLoadJsKb} KB); JS idle = loaded in the 3 s after ` +
				`load (Starlight's search UI); JS total budget ${budgets.totalJsKb} KB. HTML includes inline CSS and JS.`
		);
		out.push('');
		out.push(`Lighthouse mobile (median of ${runs} run${runs > 1 ? 's' : ''}; budget: performance >= ${budgets.lighthouse.performance}, others 100)`);
		out.push(
			table(
				['page', 'performance', 'accessibility', 'best-practices', 'seo', 'FCP', 'LCP', 'TBT', 'CLS'],
				Object.entries(lighthouse).map(([type, r]) => [
					type,
					runs > 1 ? `${r.scores.performance} (${r.runs.map((s) => s.performance).join('/')})` : r.scores.performance,
					r.scores.accessibility,
					r.scores['best-practices'],
					r.scores.seo,
					r.metrics['first-contentful-paint'] ?? '',
					r.metrics['largest-contentful-paint'] ?? '',
					r.metrics['total-blocking-time'] ?? '',
					r.metrics['cumulative-layout-shift'] ?? '',
				])
			)
		);
		for (const [type, r] of Object.entries(lighthouse)) {
			const lost = lighthouseCategories.filter((id) => r.scores[id] < budgets.lighthouse[id]);
			for (const id of lost) out.push(`  ${type} below the ${id} budget: ${r.failing[id].join('; ') || 'no audit listed'}`);
		}
		out.push('');
		const ms = search.map((s) => s.ms);
		const bytes = search[Math.floor(search.length / 2)].bytes;
		out.push(`Search: type "lambda" into the dialog on a fresh page (empty cache, search UI already loaded while idle)`);
		out.push(
			table(
				['to first result', 'runs', 'engine', 'index', 'fragments', 'other', 'total fetched'],
				[
					[
						`${Math.round(median(ms))} ms`,
						ms.map((m) => Math.round(m)).join('/'),
						`${kb(bytes.engine).toFixed(1)} KB`,
						`${kb(bytes.index).toFixed(1)} KB`,
						`${kb(bytes.fragments).toFixed(1)} KB`,
						`${kb(bytes.other).toFixed(1)} KB`,
						`${kb(bytes.total).toFixed(1)} KB`,
					],
				]
			)
		);
		out.push(`(${search[0].message}; engine = pagefind.js, its worker and WebAssembly)`);
		out.push('');
	}
	if (builds.length) {
		out.push('Clean build time (astro build, including diagrams and the Pagefind index)');
		const base = builds[0];
		out.push(
			table(
				['scale', 'pages', 'seconds', 'vs 1x', 'ms per page'],
				builds.map((b) =>
					b.error
						? [`${b.scale}x`, b.pages, 'failed', '', '']
						: [`${b.scale}x`, b.pages, b.seconds.toFixed(1), `${(b.seconds / base.seconds).toFixed(2)}x`, Math.round((b.seconds * 1000) / b.pages)]
				)
			)
		);
	}
	return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

const started = Date.now();
const builds = [];
let copy;
let site;
try {
	if (!givenDist || !noBuilds) {
		copy = makeCopy();
		log(`Copied the repository to ${copy}`);
	}
	let dist = givenDist ? resolve(givenDist) : undefined;
	if (copy) {
		log('Building 1x (clean)...');
		const outDir = join(copy, 'dist-1x');
		const result = await build(copy, outDir);
		builds.push({ scale: 1, ...result });
		log(`  ${result.pages} pages in ${result.seconds.toFixed(1)} s`);
		dist ??= outDir;
	}
	if (!dist || !existsSync(dist)) throw new Error(`no build to measure at ${dist}`);
	site = await measureSite(dist);
	for (const scale of scales) {
		const basePages = builds[0].pages;
		const extra = generatePages(copy, scale, basePages);
		log(`Building ${scale}x (${extra} generated pages, clean)...`);
		try {
			const result = await build(copy, join(copy, `dist-${scale}x`));
			builds.push({ scale, ...result });
			log(`  ${result.pages} pages in ${result.seconds.toFixed(1)} s`);
		} catch (error) {
			builds.push({ scale, pages: basePages * scale, seconds: NaN, error: error.message });
			log(error.message);
			process.exitCode = 1;
		}
		rmSync(join(copy, `dist-${scale}x`), { recursive: true, force: true });
	}
} finally {
	if (copy && !flag('--keep')) rmSync(copy, { recursive: true, force: true });
	else if (copy) log(`Kept ${copy}`);
}

console.log(report({ site, builds }));
log(`\nBench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (jsonFile) {
	const figures = {
		date: new Date().toISOString(),
		quick,
		budgets,
		site,
		builds,
	};
	writeFileSync(resolve(jsonFile), `${JSON.stringify(figures, null, '\t')}\n`);
	log(`Wrote ${resolve(jsonFile)}`);
}
