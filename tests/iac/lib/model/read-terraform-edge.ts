/**
 * The Terraform side of facts-edge.ts: the arguments of AWS WAF web ACLs and their logging
 * configurations, under the CloudFormation property names the facts read. read-terraform.ts adds
 * these entries to its `propertyMaps`.
 *
 * A web ACL's rules nest statements in statements, in blocks Terraform writes in snake_case, each
 * as a list of one; CloudFormation writes the same tree in PascalCase, with a list only where a
 * block repeats. `wafTree` translates one into the other by those two rules, so every statement
 * type reads the same without a mapping per type: only the names that do not follow them are
 * listed below. An argument left out stays out, so facts-edge.ts applies WAF's defaults to both.
 */
import type { HclValue } from './hcl';
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped } from './terraform-body';

const isBody = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const isBlockList = (value: unknown): value is Body[] => Array.isArray(value) && value.length > 0 && value.every(isBody);

/** Blocks that repeat, and the plural list CloudFormation gathers them in. */
const repeatedBlocks: Readonly<Record<string, string>> = {
	rule: 'Rules',
	text_transformation: 'TextTransformations',
	rule_action_override: 'RuleActionOverrides',
	excluded_rule: 'ExcludedRules',
	response_header: 'ResponseHeaders',
	insert_header: 'InsertHeaders',
	custom_key: 'CustomKeys',
	rule_label: 'RuleLabels',
	managed_rule_group_configs: 'ManagedRuleGroupConfigs',
	redacted_fields: 'RedactedFields',
	filter: 'Filters',
	condition: 'Conditions',
};

/** Names whose PascalCase form is not the plain one (CloudFormation capitalises these words its own way). */
const specialNames: Readonly<Record<string, string>> = {
	cloudwatch_metrics_enabled: 'CloudWatchMetricsEnabled',
	ip_set_reference_statement: 'IPSetReferenceStatement',
	ip_set_forwarded_ip_config: 'IPSetForwardedIPConfig',
	forwarded_ip_config: 'ForwardedIPConfig',
	forwarded_ip: 'ForwardedIP',
};

const pascal = (name: string) => specialNames[name] ?? name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/**
 * A Terraform block tree in CloudFormation's shape. `parent` is the block it sits in: inside
 * and_statement and or_statement, `statement` repeats (Statements); elsewhere it is one Statement.
 */
export function wafTree(value: HclValue | undefined, parent = ''): Json | undefined {
	if (value === undefined) return undefined;
	if (isBlockList(value)) {
		// A block written once: the object CloudFormation has.
		return wafTree(value[0], parent);
	}
	if (!isBody(value)) return value as Json;
	const out: Record<string, Json> = {};
	for (const [key, child] of Object.entries(value)) {
		if (child === undefined || child === null) continue;
		const many = (key === 'statement' && (parent === 'and_statement' || parent === 'or_statement')) || key in repeatedBlocks;
		if (many && Array.isArray(child)) {
			const name = key === 'statement' ? 'Statements' : repeatedBlocks[key]!;
			out[name] = (child as HclValue[]).map((item) => wafTree(item, key) ?? null);
			continue;
		}
		out[pascal(key)] = wafTree(child, key) ?? null;
	}
	return out;
}

/** One redacted field per redacted_fields block: the object of FieldToMatch it names. */
function redactedFields(body: Body): Json | undefined {
	const blocks = body['redacted_fields'];
	if (!isBlockList(blocks)) return undefined;
	return blocks.map((field) => wafTree(field, 'redacted_fields') ?? null);
}

export const edgePropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_wafv2_web_acl: (b) => ({
		props: {
			Name: b['name'] as Json | undefined,
			Scope: b['scope'] as Json | undefined,
			DefaultAction: wafTree(b['default_action'], 'default_action'),
			VisibilityConfig: wafTree(b['visibility_config'], 'visibility_config'),
			Rules: isBlockList(b['rule']) ? b['rule'].map((rule) => wafTree(rule, 'rule') ?? null) : undefined,
		},
	}),
	aws_wafv2_web_acl_logging_configuration: (b) => ({
		props: {
			ResourceArn: b['resource_arn'] as Json | undefined,
			LogDestinationConfigs: b['log_destination_configs'] as Json | undefined,
			RedactedFields: redactedFields(b),
			LoggingFilter: wafTree(b['logging_filter'], 'logging_filter'),
		},
	}),
};
