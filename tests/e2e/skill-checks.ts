/**
 * What the agent skill bundle is held to, as functions that list what is wrong (an empty list:
 * nothing): tests/unit/skill.test.ts runs them on the files skillFiles() builds and on bundles made to
 * fail, tests/e2e/exports.spec.ts on the zip the site serves.
 */
import { posix } from 'node:path';
import GithubSlugger from 'github-slugger';
import { exampleNotesFile, referenceLimitBytes, skillLimits } from '../../src/lib/skill';

export type Bundle = Map<string, Uint8Array>;

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

/** Fenced code blocks and the prose between them. */
function parts(markdown: string): Array<{ code: boolean; text: string }> {
	const out: Array<{ code: boolean; text: string }> = [];
	let fence: string | undefined;
	let current: string[] = [];
	for (const line of markdown.split('\n')) {
		const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence === undefined && marker) {
			out.push({ code: false, text: current.join('\n') });
			current = [];
			fence = marker;
		} else if (fence !== undefined && marker && line.trim() === marker) {
			out.push({ code: true, text: current.join('\n') });
			current = [];
			fence = undefined;
		} else current.push(line);
	}
	out.push({ code: fence !== undefined, text: current.join('\n') });
	return out;
}

/** Heading anchors of a Markdown file, as GitHub and the site make them. */
export function markdownAnchors(markdown: string): Set<string> {
	const slugger = new GithubSlugger();
	const anchors = new Set<string>();
	for (const part of parts(markdown)) {
		if (part.code) continue;
		for (const line of part.text.split('\n')) {
			const heading = /^#{1,6} (.+)$/.exec(line)?.[1];
			if (heading) anchors.add(slugger.slug(heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '').trim()));
		}
	}
	return anchors;
}

/** Links of a Markdown file outside code: inline links, without images' and autolinks' special cases. */
function links(markdown: string): string[] {
	return parts(markdown)
		.filter((part) => !part.code)
		.flatMap((part) => [...part.text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
}

/** Links between the bundle's files that lead nowhere: a missing file or folder, or a missing #anchor. */
export function linkProblems(bundle: Bundle): string[] {
	const problems: string[] = [];
	for (const [path, data] of bundle) {
		if (!path.endsWith('.md')) continue;
		for (const href of links(text(data))) {
			if (/^[a-z]+:/.test(href) || href.startsWith('#') && !href.slice(1)) continue;
			const [target = '', anchor] = href.split('#');
			const resolved = target === '' ? path : posix.normalize(posix.join(posix.dirname(path), target)).replace(/\/$/, '');
			if (resolved.startsWith('..')) {
				problems.push(`${path}: ${href} leaves the bundle`);
				continue;
			}
			const isFolder = target.endsWith('/');
			const exists = isFolder ? [...bundle.keys()].some((p) => p.startsWith(`${resolved}/`)) : bundle.has(resolved);
			if (!exists) problems.push(`${path}: ${href} leads to no file`);
			else if (anchor && !isFolder && resolved.endsWith('.md') && !markdownAnchors(text(bundle.get(resolved)!)).has(anchor)) problems.push(`${path}: ${href} names no heading there`);
		}
	}
	return problems;
}

/** Reference files over their limit, and SKILL.md over its lines or bytes. */
export function sizeProblems(bundle: Bundle): string[] {
	const problems: string[] = [];
	for (const [path, data] of bundle) {
		const isIndex = path.endsWith('/README.md');
		if (path.startsWith('references/') && !isIndex && data.length > referenceLimitBytes) problems.push(`${path}: ${data.length} bytes, over ${referenceLimitBytes}`);
	}
	const skill = bundle.get('SKILL.md');
	if (!skill) return [...problems, 'no SKILL.md'];
	const lines = text(skill).split('\n').length;
	if (lines >= skillLimits.lines) problems.push(`SKILL.md: ${lines} lines, not under ${skillLimits.lines}`);
	if (skill.length > skillLimits.bytes) problems.push(`SKILL.md: ${skill.length} bytes, over ${skillLimits.bytes}`);
	return problems;
}

/**
 * Files no index names: every reference's first part is listed in its folder's README.md, each later
 * part is linked from the part before, and every folder README from references/README.md.
 */
export function indexProblems(bundle: Bundle): string[] {
	const linkedFrom = (path: string) => new Set(links(text(bundle.get(path) ?? new Uint8Array())).map((href) => posix.normalize(posix.join(posix.dirname(path), href.split('#')[0]!))));
	const top = linkedFrom('references/README.md');
	const problems: string[] = [];
	for (const path of bundle.keys()) {
		if (!path.startsWith('references/') || path === 'references/README.md') continue;
		const dir = posix.dirname(path);
		if (path.endsWith('/README.md')) {
			if (!top.has(path)) problems.push(`${path}: not listed in references/README.md`);
			continue;
		}
		const part = /\.(\d+)\.md$/.exec(path)?.[1];
		const from = part ? path.replace(/\.\d+\.md$/, Number(part) === 2 ? '.md' : `.${Number(part) - 1}.md`) : `${dir}/README.md`;
		if (!linkedFrom(from).has(path)) problems.push(`${path}: not linked from ${from}`);
	}
	return problems;
}

/**
 * Code blocks in references that copy an example file: the whole file, or fifteen lines or more of
 * one that is code. References link to examples/ instead. A variant's README.md may share a page's
 * deploy and test commands: the page shows them for all three tools, the README for its own.
 */
export function duplicateCodeProblems(bundle: Bundle): string[] {
	const examples = [...bundle].filter(([path]) => path.startsWith('examples/') && !path.endsWith(`/${exampleNotesFile}`)).map(([path, data]) => [path, text(data)] as const);
	const problems: string[] = [];
	for (const [path, data] of bundle) {
		if (!path.startsWith('references/')) continue;
		for (const block of parts(text(data)).filter((p) => p.code)) {
			const code = block.text.trim();
			if (code === '') continue;
			const copy = examples.find(([example, file]) => file.trim() === code || (!example.endsWith('/README.md') && code.split('\n').length >= 15 && file.includes(code)));
			if (copy) problems.push(`${path}: a code block copies ${copy[0]}`);
		}
	}
	return problems;
}

/** Services a rule recommends whose reference has neither a rate table nor the plain note that it has none. */
export function rateProblems(bundle: Bundle, recommended: Iterable<string>): string[] {
	const problems: string[] = [];
	for (const id of recommended) {
		const files = [...bundle].filter(([path]) => path === `references/services/${id}.md` || new RegExp(`^references/services/${id}\\.\\d+\\.md$`).test(path));
		if (files.length === 0) {
			problems.push(`references/services/${id}.md: missing`);
			continue;
		}
		const all = files.map(([, data]) => text(data)).join('\n');
		const rateTable = /^\| Item \| Price \(USD\) \| Unit \|/m.test(all);
		if (!rateTable && !/no rate for .+ is in this skill's price list/.test(all)) problems.push(`references/services/${id}.md: no rates and no note that it has none`);
	}
	return problems;
}
