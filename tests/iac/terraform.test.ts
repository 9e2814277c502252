import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles, listPatterns, rel } from './lib/patterns';
import { missingServices } from './lib/services';
import {
	documentationProblems,
	formatDiff,
	hclErrorMessage,
	moduleProblems,
	parseHcl,
	resourceTypes,
	versionPolicy,
	versionProblems,
	type TerraformJson,
} from './lib/terraform';
import { formatSchemaProblems, loadTerraformSchema, schemaProblems, terraformSchemaFile } from './lib/terraform-schema';

const expectedFiles = ['versions.tf', 'main.tf', 'variables.tf', 'outputs.tf', 'README.md'];

describe('terraform-provider-schema.json', () => {
	const schema = loadTerraformSchema();

	test('comes from the AWS provider major version that versions.tf files must pin', () => {
		const aws = schema.providers['aws'];
		expect(aws?.source).toBe('hashicorp/aws');
		// "~> 6.66.0" must satisfy the same rule as a pattern's constraint, so a schema from another major fails.
		expect(versionPolicy.providers['aws']!.test(`~> ${aws!.version}`), `schema is from AWS provider ${aws!.version}`).toBe(true);
	});

	test('describes resources, data sources and required arguments, which the checks below rely on', () => {
		for (const [name, provider] of Object.entries(schema.providers)) {
			expect(Object.keys(provider.resources).length + Object.keys(provider.dataSources).length, name).toBeGreaterThan(0);
		}
		// Without required flags the missing-argument check would pass everything.
		const withRequired = Object.values(schema.providers['aws']!.resources).filter((block) => block.r?.length);
		expect(withRequired.length).toBeGreaterThan(100);
	});

	test('stays small enough to commit (under 3 MB)', () => {
		expect(statSync(terraformSchemaFile).size).toBeLessThan(3 * 1024 * 1024);
	});
});

describe.each(listPatterns())('$id Terraform configuration', (pattern) => {
	const tfFiles = listFiles(pattern.terraformDir, (name) => name.endsWith('.tf'));
	const parseAll = async () => Promise.all(tfFiles.map((file) => parseHcl(file)));

	test('has the files of a Terraform example: versions, main, variables, outputs and a README', () => {
		const missing = expectedFiles.filter((name) => !existsSync(join(pattern.terraformDir, name)));
		expect(missing, `missing in ${rel(pattern.terraformDir)}`).toEqual([]);
	});

	test.each(tfFiles.map((file) => [basename(file), file] as const))('parses %s', async (_name, file) => {
		await expect(parseHcl(file).then(() => 'parsed').catch((error: unknown) => hclErrorMessage(error))).resolves.toBe(
			'parsed'
		);
	});

	test.each(tfFiles.map((file) => [basename(file), file] as const))(
		'formats %s as terraform fmt would',
		async (_name, file) => {
			const diff = await formatDiff(readFileSync(file, 'utf8'));
			expect(diff, `${rel(file)} is not formatted (run terraform fmt):\n${diff}`).toBeUndefined();
		}
	);

	test('requires Terraform >= 1.6 and pins the AWS provider to ~> 6.x in versions.tf', async () => {
		const versions = await parseHcl(join(pattern.terraformDir, 'versions.tf'));
		expect(versionProblems(versions, versionPolicy)).toEqual([]);
	});

	test('uses no module source that breaks when the folder is copied', async () => {
		const problems = (await parseAll()).flatMap((tf: TerraformJson) => moduleProblems(tf));
		expect(problems).toEqual([]);
	});

	test('describes and types every variable and describes every output', async () => {
		const problems = (await parseAll()).flatMap((tf: TerraformJson) => documentationProblems(tf));
		expect(problems).toEqual([]);
	});

	test('deploys every service that pattern.yaml lists', async () => {
		const types = (await parseAll()).flatMap((tf: TerraformJson) => resourceTypes(tf));
		expect(missingServices(pattern.services, types, 'terraform')).toEqual([]);
	});

	test('uses only types, arguments and blocks the pinned providers define, with every required one', async () => {
		const schema = loadTerraformSchema();
		const problems = (
			await Promise.all(
				tfFiles.map(async (file) => {
					const text = readFileSync(file, 'utf8');
					return schemaProblems(await parseHcl(file, text), schema, file, text);
				})
			)
		).flat();
		const versions = Object.values(schema.providers).map((p) => `${p.source} ${p.version}`).join(', ');
		expect(problems, `against ${versions}:\n${formatSchemaProblems(problems)}`).toEqual([]);
	});

	test('names no AWS profile and no account ID', () => {
		const problems = tfFiles.flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, i) =>
					/^\s*profile\s*=/.test(line) || /\b\d{12}\b/.test(line) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : []
				)
		);
		expect(problems).toEqual([]);
	});
});
