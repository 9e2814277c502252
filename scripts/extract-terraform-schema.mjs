#!/usr/bin/env node
/**
 * Writes tests/iac/terraform-provider-schema.json: every resource, data source and ephemeral
 * resource of the Terraform providers the patterns use, with their arguments (required, optional,
 * computed-only) and nested blocks. tests/iac/terraform.test.ts checks every .tf file against it,
 * offline: there is no terraform binary and no provider download on these machines.
 *
 * Source: the prebuilt CDK Terrain (cdktn) provider packages on npm, generated from each
 * provider's own `terraform providers schema -json`. Their generated code keeps the schema flags
 * as a comment above every attribute, inside the class of its block:
 *
 *     class LambdaFunction extends cdktn.TerraformResource {
 *         static tfResourceType = "aws_lambda_function";
 *         // function_name - computed: false, optional: false, required: true
 *         // environment - computed: false, optional: true, required: false
 *         _environment = new LambdaFunctionEnvironmentOutputReference(this, "environment");
 *
 * so this script reads lib/<name>/index.js: Terraform's own argument names (no camelCase round
 * trip) and its computed flag, which the JSII types (.jsii, 153 MB) do not record.
 *
 * @cdktn/provider-aws is ~476 MB installed, so it is never a dependency of this repository: the
 * script installs the packages into a temporary folder, reads them and deletes the folder.
 *
 * Rerun after a provider release (about 10 s with a warm npm cache):
 *     node scripts/extract-terraform-schema.mjs
 * To pick another package version (npm view @cdktn/provider-aws cdktf.provider.version shows the
 * provider version a package was generated from):
 *     node scripts/extract-terraform-schema.mjs --aws 25.7.0 --random 15.0.1 --archive 14.0.1
 * Add --keep to keep the temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(repoRoot, 'tests', 'iac', 'terraform-provider-schema.json');

/**
 * Provider name (the prefix of its resource types) -> npm package and version. The versions
 * pinned here were generated from hashicorp/aws 6.66.0, hashicorp/random 3.9.1 and
 * hashicorp/archive 2.8.1: the majors the patterns' versions.tf files require.
 */
const packages = {
	aws: { name: '@cdktn/provider-aws', version: '25.7.0', major: 6 },
	random: { name: '@cdktn/provider-random', version: '15.0.1', major: 3 },
	archive: { name: '@cdktn/provider-archive', version: '14.0.1', major: 2 },
};

function parseArgs(argv) {
	const options = { keep: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--keep') options.keep = true;
		else if (arg.startsWith('--') && packages[arg.slice(2)] && argv[i + 1]) packages[arg.slice(2)].version = argv[++i];
		else throw new Error(`unknown argument ${arg}; see the comment at the top of ${relative(repoRoot, fileURLToPath(import.meta.url))}`);
	}
	return options;
}

function install(prefix) {
	const specs = Object.values(packages).map((p) => `${p.name}@${p.version}`);
	console.log(`Installing ${specs.join(', ')} into ${prefix} (not into this repository)...`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	// --ignore-scripts and --legacy-peer-deps: only the generated files are read, so neither
	// install scripts nor the peer dependencies (cdktn, constructs) are needed.
	const result = spawnSync(
		npm,
		['install', '--prefix', prefix, '--no-save', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', ...specs],
		{ stdio: 'inherit' }
	);
	if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status ?? result.error?.message})`);
}

const attributeComment = /^\s*\/\/ ([A-Za-z0-9_]+) - computed: (true|false), optional: (true|false), required: (true|false)$/;

/** Classes of one generated index.js: name, base class, Terraform type and attributes in order. */
function parseClasses(file) {
	const lines = readFileSync(file, 'utf8').split('\n');
	const classes = new Map();
	let current;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const start = /^class (\w+) extends cdktn\.(\w+)/.exec(line);
		if (start) {
			current = { name: start[1], base: start[2], type: undefined, element: undefined, attributes: [] };
			classes.set(current.name, current);
			continue;
		}
		if (!current) continue;
		if (line.startsWith('}')) {
			current = undefined;
			continue;
		}
		const type = /static tfResourceType = "([^"]+)"/.exec(line);
		if (type) current.type = type[1];
		// A ComplexList or ComplexMap hands out one OutputReference per element: that class has the attributes.
		const element = /return new (\w+OutputReference)\(/.exec(line);
		if (element && current.base !== 'ComplexObject') current.element = element[1];
		const attribute = attributeComment.exec(line);
		if (attribute) {
			// A nested block or object attribute is backed by the class of its own generated type.
			const nested = /^\s*_\w+ = new (\w+)\(this, "/.exec(lines[i + 1] ?? '') ?? /return new (\w+)\(this, "/.exec(lines[i + 2] ?? '');
			current.attributes.push({
				name: attribute[1],
				computed: attribute[2] === 'true',
				optional: attribute[3] === 'true',
				required: attribute[4] === 'true',
				nestedClass: nested?.[1],
			});
		}
	}
	return classes;
}

/**
 * One block of the compact schema: r = required arguments, o = optional arguments (some of them
 * also computed), c = computed-only attributes (read them, never set them), b = nested blocks and
 * nested object attributes, each a block itself with min: 1 when it is required.
 */
function toBlock(classes, cls, file) {
	const block = {};
	const add = (key, name) => (block[key] ??= []).push(name);
	for (const attribute of cls.attributes) {
		const kind = attribute.required ? 'r' : attribute.optional ? 'o' : 'c';
		if (attribute.nestedClass && kind !== 'c') {
			let nested = classes.get(attribute.nestedClass);
			if (nested && nested.base !== 'ComplexObject') nested = classes.get(nested.element);
			if (!nested) throw new Error(`${file}: no class for ${cls.name}.${attribute.name} (${attribute.nestedClass})`);
			const child = toBlock(classes, nested, file);
			if (attribute.required) child.min = 1;
			(block.b ??= {})[attribute.name] = child;
		} else {
			add(kind, attribute.name);
		}
	}
	for (const key of ['r', 'o', 'c']) block[key]?.sort();
	if (block.b) block.b = Object.fromEntries(Object.entries(block.b).sort(([a], [b]) => a.localeCompare(b)));
	return block;
}

function indexFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) return indexFiles(full);
		return name === 'index.js' ? [full] : [];
	});
}

function extractProvider(packageDir) {
	const sections = { provider: undefined, resources: {}, dataSources: {}, ephemeralResources: {} };
	const sectionOf = { TerraformResource: 'resources', TerraformDataSource: 'dataSources', TerraformEphemeralResource: 'ephemeralResources' };
	for (const file of indexFiles(join(packageDir, 'lib'))) {
		const classes = parseClasses(file);
		for (const cls of classes.values()) {
			if (cls.base === 'TerraformProvider') sections.provider = toBlock(classes, cls, file);
			const section = sectionOf[cls.base];
			if (!section) continue;
			if (!cls.type) throw new Error(`${file}: class ${cls.name} has no tfResourceType`);
			sections[section][cls.type] = toBlock(classes, cls, file);
		}
	}
	for (const section of ['resources', 'dataSources', 'ephemeralResources']) {
		sections[section] = Object.fromEntries(Object.entries(sections[section]).sort(([a], [b]) => a.localeCompare(b)));
	}
	return sections;
}

/** JSON with one resource per line: small enough to commit, and a provider upgrade diffs by resource. */
function format(value, depth = 0) {
	if (depth >= 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
	const pad = '\t'.repeat(depth + 1);
	const entries = Object.entries(value).filter(([, v]) => v !== undefined);
	if (entries.length === 0) return '{}';
	const body = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${format(v, depth + 1)}`).join(',\n');
	return `{\n${body}\n${'\t'.repeat(depth)}}`;
}

const options = parseArgs(process.argv.slice(2));
const prefix = mkdtempSync(join(tmpdir(), 'terraform-provider-schema-'));
try {
	install(prefix);
	const providers = {};
	for (const [provider, pkg] of Object.entries(packages)) {
		const dir = join(prefix, 'node_modules', ...pkg.name.split('/'));
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		const generatedFrom = manifest.cdktf?.provider;
		if (!generatedFrom?.version) throw new Error(`${pkg.name}@${manifest.version} does not say which provider it was generated from`);
		if (Number(generatedFrom.version.split('.')[0]) !== pkg.major) {
			throw new Error(`${pkg.name}@${manifest.version} was generated from ${generatedFrom.name} ${generatedFrom.version}, not major ${pkg.major}`);
		}
		providers[provider] = {
			source: generatedFrom.name.replace(/^registry\.terraform\.io\//, ''),
			version: generatedFrom.version,
			package: `${pkg.name}@${manifest.version}`,
			...extractProvider(dir),
		};
	}
	const schema = {
		description:
			'Terraform provider schemas (argument names, required/optional/computed-only flags, nested blocks) for tests/iac. Generated by scripts/extract-terraform-schema.mjs; do not edit by hand.',
		legend: 'r: required arguments; o: optional arguments; c: computed-only attributes; b: nested blocks (min: 1 when required)',
		providers,
	};
	const text = `${format(schema)}\n`;
	writeFileSync(output, text);
	console.log(`\nWrote ${relative(repoRoot, output)} (${Math.round(text.length / 1024)} KB):`);
	for (const [name, p] of Object.entries(providers)) {
		console.log(
			`  ${name}: ${p.source} ${p.version} from ${p.package}: ${Object.keys(p.resources).length} resources, ` +
				`${Object.keys(p.dataSources).length} data sources, ${Object.keys(p.ephemeralResources).length} ephemeral resources`
		);
	}
	console.log('\nRerun with: node scripts/extract-terraform-schema.mjs [--aws <npm version>] [--random <v>] [--archive <v>] [--keep]');
} finally {
	if (options.keep) console.log(`Kept ${prefix}`);
	else rmSync(prefix, { recursive: true, force: true });
}
