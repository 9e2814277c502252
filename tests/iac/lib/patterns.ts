/**
 * Where the patterns and snippets live and how the IaC tests find them. Every test iterates over
 * `listPatterns()`, so a new pattern or snippet only adds a folder under content/patterns/ or
 * content/snippets/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const patternsRoot = join(repoRoot, 'content', 'patterns');
export const snippetsRoot = join(repoRoot, 'content', 'snippets');
export const iacTestsRoot = join(repoRoot, 'tests', 'iac');
export const fixturesRoot = join(iacTestsRoot, 'fixtures');

export interface PatternFolder {
	/** Folder name, which is also the pattern id; snippets are named "snippets/<folder>". */
	id: string;
	/** pattern.yaml, or snippet.yaml in a snippet folder. */
	metaFile: string;
	/** Absolute path of content/patterns/<id>. */
	dir: string;
	cdkDir: string;
	terraformDir: string;
	cloudformationDir: string;
	/** Service ids from the metadata file, or [] when it is missing or unreadable (the content tests report that). */
	services: string[];
}

/** Path relative to the repository, for messages a reader can click. */
export function rel(path: string): string {
	return relative(repoRoot, path);
}

function readServices(file: string): string[] {
	if (!existsSync(file)) return [];
	const data: unknown = parseYaml(readFileSync(file, 'utf8'));
	if (typeof data !== 'object' || data === null || !('services' in data)) return [];
	const services = (data as { services: unknown }).services;
	return Array.isArray(services) ? services.filter((s): s is string => typeof s === 'string') : [];
}

/** The metadata file of a pattern or snippet folder: pattern.yaml unless only snippet.yaml exists. */
export function metaFileOf(dir: string): string {
	const snippet = join(dir, 'snippet.yaml');
	return existsSync(snippet) && !existsSync(join(dir, 'pattern.yaml')) ? snippet : join(dir, 'pattern.yaml');
}

export function patternFolder(dir: string, prefix = ''): PatternFolder {
	const metaFile = metaFileOf(dir);
	return {
		id: prefix + dir.split(/[\\/]/).pop()!,
		metaFile,
		dir,
		cdkDir: join(dir, 'cdk'),
		terraformDir: join(dir, 'terraform'),
		cloudformationDir: join(dir, 'cloudformation'),
		services: readServices(metaFile),
	};
}

function foldersIn(root: string, prefix: string): PatternFolder[] {
	if (!existsSync(root)) return [];
	return readdirSync(root)
		.filter((name) => statSync(join(root, name)).isDirectory())
		.sort()
		.map((name) => patternFolder(join(root, name), prefix));
}

/** Every folder in content/patterns, then every one in content/snippets, sorted, so test names are stable. */
export function listPatterns(root = patternsRoot, snippets = snippetsRoot): PatternFolder[] {
	return [...foldersIn(root, ''), ...foldersIn(snippets, 'snippets/')];
}

/** Files under `dir` (recursively) whose name matches, skipping installed and generated folders. */
export function listFiles(dir: string, match: (name: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	const skip = new Set(['node_modules', 'cdk.out', '.terraform']);
	const found: string[] = [];
	const walk = (current: string) => {
		for (const entry of readdirSync(current, { withFileTypes: true })) {
			if (skip.has(entry.name)) continue;
			const full = join(current, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && match(entry.name)) found.push(full);
		}
	};
	walk(dir);
	return found.sort();
}
