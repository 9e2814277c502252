/**
 * What the deploy role's trust policy must never allow, in every variant of the
 * github-actions-deploy-role pattern. The three variants are read into the behavioural model (the
 * CDK app synthesised here) and held to the general rule githubTrustNamesOneRepository; then each
 * variant's own trust policy is broken three ways (no sub condition, a wildcard repository under
 * StringLike, a wildcard owner) and the rule must fail every copy. The inputs that fill in the
 * subject must refuse wildcards, and sessions must end within the hour.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { synthApp, type SynthResult } from './lib/cdk';
import { parseTemplate } from './lib/cloudformation';
import { patternModels } from './lib/model/pattern';
import { githubOidcHost, githubTrustNamesOneRepository } from './lib/model/rules';
import { patternFolder, patternsRoot } from './lib/patterns';
import { parseHcl } from './lib/terraform';
import type { Variant } from './type-map';
import { resourcesOfType, type Json, type Model } from '../../src/lib/iac/model';

const pattern = patternFolder(join(patternsRoot, 'github-actions-deploy-role'));
const variants: Variant[] = ['cdk', 'cloudformation', 'terraform'];
const sub = `${githubOidcHost}:sub`;

type Condition = Record<string, Record<string, Json>>;

/** The one role of a model and the conditions of its one trust statement. */
function trust(model: Model): { id: string; condition: Condition; role: Record<string, Json> } {
	const [role, ...others] = resourcesOfType(model, 'AWS::IAM::Role');
	expect(others, `${model.variant} has one role`).toEqual([]);
	const doc = role!.props['AssumeRolePolicyDocument'] as { Statement: Array<Record<string, Json>> };
	const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
	expect(statements).toHaveLength(1);
	return { id: role!.id, condition: statements[0]!['Condition'] as Condition, role: role!.props };
}

/** A copy of the model with the trust statement's conditions changed by `edit`. */
function broken(model: Model, edit: (condition: Condition) => void): Model {
	const copy: Model = { ...model, resources: new Map([...model.resources].map(([id, r]) => [id, { ...r, props: structuredClone(r.props) }])) };
	edit(trust(copy).condition);
	return copy;
}

/** Moves the sub condition under `operator` with a new value. */
const setSubject = (operator: string, value: string) => (condition: Condition) => {
	for (const pairs of Object.values(condition)) delete pairs[sub];
	condition[operator] = { ...(condition[operator] ?? {}), [sub]: value };
};

// One synth of the CDK app for both blocks below.
let synth: SynthResult;
beforeAll(async () => {
	synth = await synthApp(pattern.cdkDir);
});
afterAll(() => {
	if (synth) rmSync(synth.outdir, { recursive: true, force: true });
});

describe('github-actions-deploy-role trust policy', () => {
	let models: Record<Variant, Model>;
	beforeAll(async () => {
		[models] = (await patternModels(pattern, synth)) as [Record<Variant, Model>];
	});

	test.each(variants)('%s: names one branch of one repository with StringEquals on aud and sub', (variant) => {
		const model = models[variant];
		expect(githubTrustNamesOneRepository(model)).toEqual([]);
		// The rule checked a real GitHub trust, not nothing.
		const { condition } = trust(model);
		expect(condition).toEqual({
			StringEquals: {
				[`${githubOidcHost}:aud`]: variant === 'terraform' ? ['sts.amazonaws.com'] : 'sts.amazonaws.com',
				[sub]: variant === 'terraform' ? ['repo:${RepositoryOwner}/${RepositoryName}:ref:refs/heads/main'] : 'repo:${RepositoryOwner}/${RepositoryName}:ref:refs/heads/main',
			},
		});
	});

	test.each(variants)('%s: the rule fails the trust without a sub condition, with a wildcard repository or with a wildcard owner', (variant) => {
		const model = models[variant];
		const { id } = trust(model);
		expect(githubTrustNamesOneRepository(broken(model, (c) => delete c['StringEquals']![sub]))).toEqual([
			`${id}: trusts GitHub's OIDC provider with no ${sub} condition, so a workflow in any repository on GitHub can assume it`,
		]);
		expect(githubTrustNamesOneRepository(broken(model, setSubject('StringLike', 'repo:${RepositoryOwner}/*')))).toEqual([
			`${id}: tests ${sub} with StringLike; use StringEquals and name one subject`,
			`${id}: its ${sub} repo:\${RepositoryOwner}/* admits any repository of \${RepositoryOwner}`,
		]);
		expect(githubTrustNamesOneRepository(broken(model, setSubject('StringEquals', 'repo:*/${RepositoryName}:ref:refs/heads/main')))).toEqual([
			`${id}: its ${sub} repo:*/\${RepositoryName}:ref:refs/heads/main admits any owner`,
		]);
	});

	test.each(variants)('%s: sessions last at most one hour', (variant) => {
		expect(Number(trust(models[variant]).role['MaxSessionDuration'])).toBe(3600);
	});
});

/** The inputs that become the subject: each variant must refuse a wildcard in them. */
const subjectInputs = [
	{ parameter: 'RepositoryOwner', variable: 'repository_owner', accepts: ['octo-org', 'octo-org@123456'], rejects: ['*', 'octo-*', 'octo-org/x', ''] },
	{ parameter: 'RepositoryName', variable: 'repository_name', accepts: ['my-site', 'my.site_2@789012'], rejects: ['*', 'my-*', 'site:*', ''] },
	{ parameter: 'Branch', variable: 'branch', accepts: ['main', 'release/v2'], rejects: ['*', 'release/*', 'main:*', ''] },
];

describe('github-actions-deploy-role subject inputs', () => {
	const template = parseTemplate(readFileSync(join(pattern.cloudformationDir, 'template.yaml'), 'utf8'));
	let synthesized: Record<string, { AllowedPattern?: string }>;
	let validations: Map<string, string>;
	beforeAll(async () => {
		synthesized = Object.values(synth.templates)[0]!['Parameters'] as Record<string, { AllowedPattern?: string }>;
		// Terraform: the regex of each variable's validation, as `can(regex("...", var.x))`.
		const variables = (await parseHcl(join(pattern.terraformDir, 'variables.tf')))['variable'] as Record<string, Array<{ validation?: Array<{ condition: string }> }>>;
		validations = new Map(
			Object.entries(variables).flatMap(([name, [body]]) => {
				const condition = body?.validation?.[0]?.condition ?? '';
				const source = /regex\("((?:[^"\\]|\\.)*)"/.exec(condition)?.[1];
				return source === undefined ? [] : [[name, source.replace(/\\(.)/g, '$1')] as [string, string]];
			})
		);
	});

	test.each(subjectInputs)('$parameter refuses wildcards in every variant', ({ parameter, variable, accepts, rejects }) => {
		const patterns = {
			cloudformation: (template.Parameters?.[parameter] as { AllowedPattern?: string } | undefined)?.AllowedPattern,
			cdk: synthesized[parameter]?.AllowedPattern,
			terraform: validations.get(variable),
		};
		for (const [variant, source] of Object.entries(patterns)) {
			expect(source, `${variant} validates ${parameter}`).toBeDefined();
			const regex = new RegExp(source!);
			for (const value of accepts) expect(regex.test(value), `${variant} accepts ${JSON.stringify(value)}`).toBe(true);
			for (const value of rejects) expect(regex.test(value), `${variant} rejects ${JSON.stringify(value)}`).toBe(false);
		}
	});
});
