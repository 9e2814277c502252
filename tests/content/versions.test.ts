import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseToolVersions, type ToolVersionList } from '../../src/schemas/versions';

const FILE = 'content/tools/versions.yaml';
const PATTERNS = 'content/patterns';

interface Pin {
	file: string;
	version: string | undefined;
}

/** The version of `pkg` that each content/patterns/<id>/cdk/package.json asks for. */
function cdkPins(patternsDir: string, pkg: string): Pin[] {
	return readdirSync(patternsDir)
		.sort()
		.map((id) => join(patternsDir, id, 'cdk', 'package.json'))
		.filter((file) => existsSync(file))
		.map((file) => {
			const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
			return { file, version: json['dependencies']?.[pkg] ?? json['devDependencies']?.[pkg] };
		});
}

/** One line per pattern whose pin differs from the version the tools table lists. */
function pinMismatches(pkg: string, listed: string, pins: Pin[]): string[] {
	return pins
		.filter((pin) => pin.version !== listed)
		.map((pin) => `${pin.file} pins ${pkg} ${pin.version ?? '(nothing)'}, but ${FILE} lists ${listed}`);
}

function load(): ToolVersionList {
	return parseToolVersions(parse(readFileSync(FILE, 'utf8')), FILE);
}

/** The real file, parsed but not validated, for breaking one field at a time. */
function raw(): { tools: Record<string, unknown>[] } {
	return parse(readFileSync(FILE, 'utf8'));
}

function listed(id: string): string {
	const tool = load().tools.find((t) => t.id === id);
	if (!tool) throw new Error(`${FILE} has no entry with id ${id}`);
	return tool.version;
}

describe('content/tools/versions.yaml', () => {
	it('lists every tool the IaC guide recommends, each valid against the schema', () => {
		expect(load().tools.map((t) => t.id)).toEqual([
			'aws-cdk-lib',
			'aws-cdk',
			'terraform',
			'terraform-provider-aws',
			'aws-cli',
			'boto3',
			'aws-sam-cli',
		]);
	});

	it('gives each tool a check date no earlier than its release', () => {
		for (const tool of load().tools) {
			if (tool.released) expect(tool.released.getTime(), tool.id).toBeLessThanOrEqual(tool.checked.getTime());
		}
	});

	it('rejects an http:// source, naming the file and field', () => {
		const data = raw();
		data.tools[2]!['source'] = 'http://example.com/changelog';
		expect(() => parseToolVersions(data, FILE)).toThrow(`${FILE}: tools.2.source: a source is an https:// URL`);
	});

	it('rejects a tool without a checked date', () => {
		const data = raw();
		delete data.tools[0]!['checked'];
		expect(() => parseToolVersions(data, FILE)).toThrow(`${FILE}: tools.0.checked: a date in YYYY-MM-DD form is required`);
	});

	it('rejects a version that is not MAJOR.MINOR.PATCH', () => {
		const data = raw();
		data.tools[1]!['version'] = '2.1148';
		expect(() => parseToolVersions(data, FILE)).toThrow(`${FILE}: tools.1.version: a version is MAJOR.MINOR.PATCH`);
	});

	it('rejects an unknown key, which is more likely a typo than a feature', () => {
		const data = raw();
		data.tools[0]!['relased'] = '2026-11-10';
		expect(() => parseToolVersions(data, FILE)).toThrow(/content\/tools\/versions\.yaml: tools\.0: .*relased/);
	});

	it('rejects an id listed twice', () => {
		const data = raw();
		data.tools[1]!['id'] = 'aws-cdk-lib';
		expect(() => parseToolVersions(data, FILE)).toThrow(`${FILE}: tools.1.id: the id "aws-cdk-lib" is listed twice`);
	});
});

describe('the tools table and the patterns', () => {
	for (const pkg of ['aws-cdk-lib', 'aws-cdk']) {
		it(`lists the ${pkg} version that every CDK pattern pins`, () => {
			const pins = cdkPins(PATTERNS, pkg);
			expect(pins.length).toBeGreaterThan(0);
			expect(pinMismatches(pkg, listed(pkg), pins)).toEqual([]);
		});
	}

	it('reports every pattern when the table lists another aws-cdk-lib version', () => {
		const pins = cdkPins(PATTERNS, 'aws-cdk-lib');
		const problems = pinMismatches('aws-cdk-lib', '2.1.0', pins);
		expect(problems).toHaveLength(pins.length);
		expect(problems[0]).toMatch(/^content\/patterns\/[^/]+\/cdk\/package\.json pins aws-cdk-lib \S+, but content\/tools\/versions\.yaml lists 2\.1\.0$/);
	});

	describe('with a pattern that pins an older aws-cdk-lib', () => {
		const root = mkdtempSync(join(tmpdir(), 'tool-versions-'));
		afterAll(() => rmSync(root, { recursive: true, force: true }));
		const write = (id: string, json: object) => {
			mkdirSync(join(root, id, 'cdk'), { recursive: true });
			writeFileSync(join(root, id, 'cdk', 'package.json'), JSON.stringify(json));
		};

		it('names that pattern and only that one', () => {
			const version = listed('aws-cdk-lib');
			write('current', { dependencies: { 'aws-cdk-lib': version } });
			write('stale', { dependencies: { 'aws-cdk-lib': '2.200.0' } });
			write('unpinned', { dependencies: {} });
			mkdirSync(join(root, 'no-cdk'));
			expect(pinMismatches('aws-cdk-lib', version, cdkPins(root, 'aws-cdk-lib'))).toEqual([
				`${join(root, 'stale', 'cdk', 'package.json')} pins aws-cdk-lib 2.200.0, but ${FILE} lists ${version}`,
				`${join(root, 'unpinned', 'cdk', 'package.json')} pins aws-cdk-lib (nothing), but ${FILE} lists ${version}`,
			]);
		});
	});
});
