/**
 * The three variants of a pattern deploy the same AWS resources: the same CloudFormation types,
 * as many of each, once helpers are set aside and Terraform types are mapped (tests/iac/type-map.ts).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { compareInventories, formatInventoryTable, formatProblems, patternInventories, type Inventory } from './lib/equivalence';
import { listPatterns } from './lib/patterns';
import type { Variant } from './type-map';

describe.each(listPatterns())('$id variants', (pattern) => {
	let inventories: Record<Variant, Inventory>;
	beforeAll(async () => {
		inventories = await patternInventories(pattern);
	});

	test('map and count every resource they create', () => {
		const problems = formatProblems(inventories);
		expect(problems, `cannot compare ${pattern.id}:\n  ${problems.join('\n  ')}`).toEqual([]);
	});

	test('create the same resource types, as many of each, in CDK, CloudFormation and Terraform', () => {
		const differences = compareInventories(inventories);
		expect(
			differences.map((d) => d.type),
			`${pattern.id} variants differ (helpers and mappings: tests/iac/type-map.ts):\n${formatInventoryTable(inventories, differences)}`
		).toEqual([]);
	});
});
