/**
 * Reads CloudFormation YAML templates: the short-form intrinsic functions (`!Ref`, `!GetAtt`...)
 * become their long JSON form. Used by the site (costs read from a pattern's template) and by the
 * IaC tests.
 */
import { parse as parseYaml, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

// CloudFormation's short-form intrinsic functions. YAML needs to know them to parse a template;
// each becomes its long JSON form, so `!GetAtt Table.Arn` reads as { 'Fn::GetAtt': ['Table', 'Arn'] }.
const intrinsicNames = [
	'And', 'Base64', 'Cidr', 'Condition', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue',
	'Join', 'Length', 'Not', 'Or', 'Ref', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
] as const;

function longForm(name: string): string {
	return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

const intrinsicTags: (ScalarTag | CollectionTag)[] = intrinsicNames.flatMap((name) => {
	const key = longForm(name);
	const scalar: ScalarTag = {
		tag: `!${name}`,
		resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }),
	};
	const seq: CollectionTag = {
		tag: `!${name}`,
		collection: 'seq',
		resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }) as unknown as YAMLSeq,
	};
	const map: CollectionTag = {
		tag: `!${name}`,
		collection: 'map',
		resolve: (value) => ({ [key]: (value as YAMLMap).toJSON() }) as unknown as YAMLMap,
	};
	return [scalar, seq, map];
});

export interface CfnDocument {
	Parameters?: Record<string, { Type?: string; Description?: string; Default?: unknown }>;
	Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
	Outputs?: Record<string, { Description?: string; Value?: unknown }>;
	[section: string]: unknown;
}

/** Parses a CloudFormation YAML template, short-form intrinsic functions included. */
export function parseTemplate(text: string): CfnDocument {
	return parseYaml(text, { customTags: intrinsicTags }) as CfnDocument;
}

