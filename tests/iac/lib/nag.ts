/**
 * cdk-nag on hand-written CloudFormation templates, and the link between the exceptions the code
 * makes and the ones pattern.yaml lists (its `acknowledgements`, which the pattern page shows).
 *
 * A template is loaded with CfnInclude into a stack, with every parameter replaced by its default
 * (the configuration a reader deploys without options), so cdk-nag sees the same kind of construct
 * tree as for a CDK app. pattern.yaml's acknowledgements are applied by logical id with
 * `Validations.of(resource).acknowledge(...)`, which cdk-nag 3.x honours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksV2 from 'aws-cdk-lib/aws-eks-v2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { AcknowledgementSchema, type Acknowledgement } from '../../../src/schemas/pattern';
import { parseTemplate } from './cloudformation';
import { metaFileOf, rel } from './patterns';

export type { Acknowledgement };

/** The `acknowledgements` of a pattern's pattern.yaml (or a snippet's snippet.yaml), validated with the site's own schema. */
export function patternAcknowledgements(patternDir: string): Acknowledgement[] {
	const file = metaFileOf(patternDir);
	if (!existsSync(file)) return [];
	const data = parseYaml(readFileSync(file, 'utf8')) as { acknowledgements?: unknown } | null;
	const parsed = z.array(AcknowledgementSchema).default([]).safeParse(data?.acknowledgements);
	if (!parsed.success) {
		throw new Error(`${rel(file)}: acknowledgements do not match the schema in src/schemas/pattern.ts:\n${parsed.error.message}`);
	}
	return parsed.data;
}

/** One acknowledged finding: a rule on one logical id. */
export interface AcknowledgedFinding {
	rule: string;
	resource: string;
	reason: string;
}

/** pattern.yaml's list, one entry per rule and resource. */
export function flattenAcknowledgements(list: readonly Acknowledgement[]): AcknowledgedFinding[] {
	return list.flatMap((ack) => ack.resources.map((resource) => ({ rule: ack.rule, resource, reason: ack.reason })));
}

export interface TemplateNagResult {
	/** Findings no acknowledgement covers: `rule at LogicalId: description`. */
	unacknowledged: Array<{ rule: string; resource: string; description: string }>;
	/** Acknowledgements that match no finding of the template (stale, or a wrong rule or id). */
	unused: AcknowledgedFinding[];
	/** Acknowledged logical ids the template does not have. */
	missingResources: string[];
}

/**
 * CfnInclude builds EKS resources with aws-eks-v2's L1 classes (its cfn-types-2-classes.json maps
 * AWS::EKS::* there), while cdk-nag's EKS rules test `instanceof` the aws-eks classes of the same
 * CloudFormation types. Without this, a template's EKS findings (a public API endpoint, missing
 * control plane logs) go unreported where the CDK app's, built with aws-eks, are reported. The two
 * classes have the same properties, so aws-eks's class recognises aws-eks-v2's instances too.
 */
for (const name of Object.keys(eksV2).filter((key) => key.startsWith('Cfn'))) {
	const v1 = (eks as unknown as Record<string, unknown>)[name];
	const v2 = (eksV2 as unknown as Record<string, unknown>)[name];
	if (typeof v1 !== 'function' || typeof v2 !== 'function' || v1 === v2 || Object.prototype.hasOwnProperty.call(v1, Symbol.hasInstance)) continue;
	const isInstance = Function.prototype[Symbol.hasInstance];
	Object.defineProperty(v1, Symbol.hasInstance, { value: (value: unknown) => isInstance.call(v1, value) || isInstance.call(v2, value) });
}

function includeTemplate(templateFile: string): { stack: Stack; include: CfnInclude } {
	const doc = parseTemplate(readFileSync(templateFile, 'utf8'));
	const parameters = Object.fromEntries(
		Object.entries(doc.Parameters ?? {})
			.filter(([, p]) => p.Default !== undefined)
			.map(([name, p]) => [name, p.Default])
	);
	const stack = new Stack(new App(), 'Template');
	const include = new CfnInclude(stack, 'Template', { templateFile, parameters });
	return { stack, include };
}

function runNag(stack: Stack): Array<{ rule: string; resource: string; description: string }> {
	const report = new AwsSolutionsChecks(stack).validateScope(stack);
	return report.violations.flatMap((violation) =>
		violation.violatingResources.map((r) => ({
			rule: violation.ruleName,
			// CfnInclude names each resource construct after its logical id: Template/Template/<LogicalId>.
			resource: (r.constructPath ?? r.resourceLogicalId ?? '?').split('/').pop()!,
			description: violation.description,
		}))
	);
}

/** Runs the AwsSolutions checks on a template, with and without pattern.yaml's acknowledgements. */
export function templateNag(templateFile: string, acknowledged: readonly Acknowledgement[]): TemplateNagResult {
	const all = runNag(includeTemplate(templateFile).stack);

	const { stack, include } = includeTemplate(templateFile);
	const missingResources: string[] = [];
	for (const { rule, resource, reason } of flattenAcknowledgements(acknowledged)) {
		let construct;
		try {
			construct = include.getResource(resource);
		} catch {
			missingResources.push(resource);
			continue;
		}
		Validations.of(construct).acknowledge({ id: rule, reason });
	}
	const unacknowledged = runNag(stack);
	const unused = flattenAcknowledgements(acknowledged).filter(
		(ack) => !missingResources.includes(ack.resource) && !all.some((f) => f.rule === ack.rule && f.resource === ack.resource)
	);
	return { unacknowledged, unused, missingResources: [...new Set(missingResources)] };
}

/**
 * cdk-nag on every template a pattern deploys, with pattern.yaml's acknowledgements applied by
 * logical id in each. A finding is named with its file where there are several. An acknowledgement
 * is missing only when no template has its logical id, and unused only when it hides no finding
 * in any template that has the id (a route acknowledged in the regional template is not unused
 * because the table's template has no routes).
 */
export function templatesNag(templateFiles: readonly string[], acknowledged: readonly Acknowledgement[]): TemplateNagResult {
	const results = templateFiles.map((file) => ({ file, result: templateNag(file, acknowledged) }));
	if (results.length === 1) return results[0]!.result;
	const same = (a: AcknowledgedFinding, b: AcknowledgedFinding) => a.rule === b.rule && a.resource === b.resource;
	const missingEverywhere = (resource: string) => results.every(({ result }) => result.missingResources.includes(resource));
	return {
		unacknowledged: results.flatMap(({ file, result }) => result.unacknowledged.map((f) => ({ ...f, resource: `${basename(file)} ${f.resource}` }))),
		unused: flattenAcknowledgements(acknowledged).filter(
			(ack) => !missingEverywhere(ack.resource) && results.every(({ result }) => result.missingResources.includes(ack.resource) || result.unused.some((u) => same(u, ack)))
		),
		missingResources: [...new Set(flattenAcknowledgements(acknowledged).map((ack) => ack.resource))].filter(missingEverywhere),
	};
}

/**
 * The id CDK derives a logical id from, without its hash: the path below the stack, without the
 * "Resource" and "Default" parts CDK hides, letters and digits only. `ListItemsRoute` for both
 * Stack/ListItemsRoute and Stack/ListItemsRoute/Resource.
 */
export function humanLogicalId(constructPath: string, stackPath: string): string {
	const below = constructPath === stackPath ? '' : constructPath.slice(stackPath.length + 1);
	const parts = below.split('/').filter((part) => part && part !== 'Resource' && part !== 'Default');
	return parts
		.filter((part, i) => part !== parts[i - 1])
		.join('')
		.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Every AwsSolutions finding in a stack, acknowledged or not. cdk-nag 3.x checks acknowledgements in
 * a private method; shadowing it on this one instance shows the findings the acknowledgements hide.
 */
function everyNagFinding(stack: Stack): Array<{ rule: string; path: string }> {
	const checks = new AwsSolutionsChecks(stack);
	Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
	return checks.validateScope(stack).violations.flatMap((violation) =>
		violation.violatingResources.map((r) => ({ rule: violation.ruleName, path: r.constructPath ?? '' }))
	);
}

function acknowledgedRules(construct: IConstruct): Map<string, string> {
	const rules = new Map<string, string>();
	for (const entry of construct.node.metadata) {
		if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
		for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) rules.set(id.replace(/^annotation::/i, ''), reason);
	}
	return rules;
}

export interface CdkAcknowledgements {
	/** The findings the app's acknowledgements hide, in pattern.yaml's terms: rule, logical id without hash, reason. */
	findings: AcknowledgedFinding[];
	/** Acknowledgements that hide no finding: `rule at construct path`. */
	unused: string[];
}

/**
 * What the CDK app's `Validations.of(x).acknowledge(...)` calls do: for each finding cdk-nag would
 * report, the nearest acknowledgement of its rule on the resource or above it (as cdk-nag looks
 * them up). An acknowledgement on an L2 construct thus counts for the resources below it that
 * break the rule, which is what pattern.yaml lists by logical id.
 */
export function cdkAcknowledgedFindings(stacks: readonly Stack[]): CdkAcknowledgements {
	const findings: AcknowledgedFinding[] = [];
	const used = new Set<string>();
	const declared: string[] = [];
	for (const stack of stacks) {
		const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
		for (const construct of byPath.values()) {
			// Only cdk-nag's rules: apps also acknowledge CDK warnings and the bundled validator's rules.
			for (const rule of acknowledgedRules(construct).keys()) {
				if (rule.startsWith('AwsSolutions-')) declared.push(`${rule} at ${construct.node.path}`);
			}
		}
		for (const finding of everyNagFinding(stack)) {
			for (let construct = byPath.get(finding.path); construct; construct = construct.node.scope) {
				const reason = acknowledgedRules(construct).get(finding.rule);
				if (reason === undefined) continue;
				used.add(`${finding.rule} at ${construct.node.path}`);
				findings.push({ rule: finding.rule, resource: humanLogicalId(finding.path, stack.node.path), reason });
				break;
			}
		}
	}
	return { findings, unused: declared.filter((ack) => !used.has(ack)) };
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Differences between the CDK app's acknowledgements and pattern.yaml's, one message each:
 * a rule on a resource only one side lists, the same one with different reasons, or a CDK
 * acknowledgement that hides nothing.
 */
export function acknowledgementDrift(cdk: CdkAcknowledgements, yaml: readonly AcknowledgedFinding[]): string[] {
	const key = (f: AcknowledgedFinding) => `${f.rule} on ${f.resource}`;
	const fromYaml = new Map(yaml.map((f) => [key(f), f]));
	const fromCdk = new Map(cdk.findings.map((f) => [key(f), f]));
	const problems = cdk.unused.map((ack) => `the CDK app acknowledges ${ack}, where cdk-nag reports no such finding`);
	for (const [k, f] of fromCdk) {
		const listed = fromYaml.get(k);
		if (!listed) problems.push(`the CDK app acknowledges ${k}, which pattern.yaml does not list (reason: "${normalize(f.reason)}")`);
		else if (normalize(listed.reason) !== normalize(f.reason)) {
			problems.push(`${k}: the CDK app says "${normalize(f.reason)}" but pattern.yaml says "${normalize(listed.reason)}"`);
		}
	}
	for (const k of fromYaml.keys()) {
		if (!fromCdk.has(k)) problems.push(`pattern.yaml lists ${k}, which the CDK app does not acknowledge`);
	}
	return problems.sort();
}
