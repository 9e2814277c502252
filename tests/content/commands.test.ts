/**
 * The commands a reader copies from a pattern's READMEs and page work in order, in any Region:
 * no S3 URL without a Region (the legacy global endpoint answers 307 or 400 outside us-east-1), and
 * no `aws s3 sync <folder>/` before the commands that create the folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string, match: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path, match);
		return match.test(name) ? [path] : [];
	});
}

/** URLs that name an S3 bucket or S3 itself without a Region. */
export function globalS3Endpoints(text: string): string[] {
	return [...text.matchAll(/https?:\/\/(?:[^\s/'"`]+\.)?s3\.amazonaws\.com\b[^\s'"`)]*/g)].map((m) => m[0]);
}

/** `aws s3 sync <folder>/` lines that come before anything that creates the folder. */
export function syncBeforeCreate(text: string): string[] {
	const created = new Set<string>();
	const problems: string[] = [];
	// `npm run build` creates dist/ only in a block that builds and uploads a site; in a CDK folder's
	// deploy block it type-checks the app and creates nothing.
	let buildInThisBlock = false;
	for (const [i, line] of text.split('\n').entries()) {
		if (/^\s*(```|~~~)/.test(line)) buildInThisBlock = false;
		for (const m of line.matchAll(/mkdir\s+(?:-p\s+)?([\w.-]+)/g)) created.add(m[1]!);
		for (const m of line.matchAll(/>\s*"?([\w.-]+)\//g)) created.add(m[1]!);
		if (/\bnpm run build\b/.test(line)) buildInThisBlock = true;
		const sync = /aws s3 sync\s+"?([\w.-]+)\//.exec(line);
		if (sync && !created.has(sync[1]!) && !(sync[1] === 'dist' && buildInThisBlock)) problems.push(`line ${i + 1}: syncs ${sync[1]}/ before any command creates it`);
	}
	return problems;
}

describe('the checks can fail', () => {
	test('a global S3 endpoint is found, a Regional one is not', () => {
		expect(globalS3Endpoints('curl -I https://my-bucket.s3.amazonaws.com/index.html')).toEqual(['https://my-bucket.s3.amazonaws.com/index.html']);
		expect(globalS3Endpoints('curl -I "https://$BUCKET.s3.$REGION.amazonaws.com/index.html"')).toEqual([]);
	});

	test('a sync before the folder exists is found, after it is not', () => {
		expect(syncBeforeCreate('aws s3 sync dist/ "s3://b/"\nmkdir -p dist\n')).toEqual(['line 1: syncs dist/ before any command creates it']);
		expect(syncBeforeCreate('mkdir -p dist/docs\necho x > dist/index.html\naws s3 sync dist/ "s3://b/"\n')).toEqual([]);
		expect(syncBeforeCreate('```sh\nnpm run build\naws s3 sync dist/ "s3://b/"\n```\n')).toEqual([]);
		expect(syncBeforeCreate('```sh\nnpm run build\n```\n```sh\naws s3 sync dist/ "s3://b/"\n```\n')).toEqual(['line 5: syncs dist/ before any command creates it']);
	});
});

const documents = [
	...files(join(root, 'content', 'patterns'), /^README\.md$/),
	...files(join(root, 'content', 'snippets'), /^README\.md$/),
	...files(join(root, 'src', 'content', 'docs', 'patterns'), /\.mdx$/),
];

describe.each(documents.map((file) => ({ file, name: relative(root, file) })))('$name', ({ file }) => {
	const text = readFileSync(file, 'utf8');
	test('uses Regional S3 endpoints', () => {
		expect(globalS3Endpoints(text)).toEqual([]);
	});
	test('creates a folder before syncing it', () => {
		expect(syncBeforeCreate(text)).toEqual([]);
	});
});
