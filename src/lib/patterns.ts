import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { iacVariants, type IacVariant } from '../schemas/pattern.ts';

/** Patterns are whole architectures; snippets are one Well-Architected practice. Both are IaC folders. */
export const iacKinds = ['patterns', 'snippets'] as const;
export type IacKind = (typeof iacKinds)[number];

export function kindDir(kind: IacKind): string {
	return join(process.cwd(), 'content', kind);
}

export const patternsDir = kindDir('patterns');

export const variantLabels: Record<IacVariant, string> = {
	cdk: 'CDK',
	terraform: 'Terraform',
	cloudformation: 'CloudFormation',
};

export interface PatternFile {
	/** Path inside the pattern folder, for example "terraform/main.tf". */
	path: string;
	/** Path inside its variant folder, shown as the file name: "main.tf". */
	name: string;
	lang: string;
	text: string;
	/** Project plumbing (package.json, cdk.json, tsconfig.json): shown collapsed under the main files. */
	supporting: boolean;
}

const langs: Record<string, string> = {
	ts: 'ts',
	js: 'js',
	mjs: 'js',
	json: 'json',
	tf: 'hcl',
	yaml: 'yaml',
	yml: 'yaml',
	md: 'md',
	py: 'python',
	sh: 'sh',
};

// The file a reader wants first leads each tab; the rest follow in alphabetical order.
const leadFiles = ['lib/', 'bin/app.ts', 'main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'template.yaml'];
const ignored = new Set(['node_modules', 'cdk.out', '.terraform', 'package-lock.json']);
const supportingFiles = new Set(['package.json', 'cdk.json', 'tsconfig.json']);

function rank(name: string): number {
	const index = leadFiles.findIndex((lead) => (lead.endsWith('/') ? name.startsWith(lead) : name === lead));
	return index === -1 ? leadFiles.length : index;
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		if (ignored.has(name)) return [];
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/**
 * Folders a pattern shares between its variants: function code (src/), GitHub workflows
 * (.github/), Kubernetes manifests (k8s/, applied with kubectl) and Step Functions state machine
 * definitions (statemachine/), each once in the pattern folder.
 */
export const sharedFolders = ['src', '.github', 'k8s', 'statemachine'] as const;
export type SharedFolder = (typeof sharedFolders)[number];

/** Every file of one folder of a pattern ("cdk", "terraform", "cloudformation", "src" or ".github"). */
export function patternFiles(pattern: string, folder: IacVariant | SharedFolder, root = patternsDir): PatternFile[] {
	const dir = join(root, pattern, folder);
	if (!existsSync(dir)) throw new Error(`${relative(process.cwd(), dir)}/ does not exist`);
	return walk(dir)
		.map((file) => {
			const name = relative(dir, file);
			return {
				path: `${folder}/${name}`,
				name,
				lang: langs[name.split('.').pop() ?? ''] ?? 'txt',
				text: readFileSync(file, 'utf8'),
				supporting: supportingFiles.has(name),
			};
		})
		.sort(
			(a, b) =>
				Number(a.supporting) - Number(b.supporting) || rank(a.name) - rank(b.name) || a.name.localeCompare(b.name)
		);
}

/** The pattern (or snippet) folders under `root`, sorted. */
export function folderIds(root = patternsDir): string[] {
	if (!existsSync(root)) return [];
	return readdirSync(root)
		.filter((pattern) => statSync(join(root, pattern)).isDirectory())
		.sort();
}

/** All downloadable files of all patterns (or snippets), for the static download routes. */
export function allPatternFiles(root = patternsDir): Array<{ pattern: string; file: PatternFile }> {
	return folderIds(root).flatMap((pattern) =>
			([...sharedFolders, ...iacVariants] as const)
				.filter((folder) => existsSync(join(root, pattern, folder)))
				.flatMap((folder) => patternFiles(pattern, folder, root).map((file) => ({ pattern, file })))
		);
}

export { iacVariants };
