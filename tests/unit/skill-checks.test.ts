/**
 * The agent skill's checks (tests/e2e/skill-checks.ts) on small bundles made to pass and to fail, so
 * that each is known to accept a good bundle and to catch a bad one.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { referenceLimitBytes } from '../../src/lib/skill';
import { duplicateCodeProblems, indexProblems, linkProblems, rateProblems, sizeProblems, type Bundle } from '../e2e/skill-checks';

const bundle = (files: Record<string, string>): Bundle => new Map(Object.entries(files).map(([path, text]) => [path, strToU8(text)]));

const code = Array.from({ length: 20 }, (_, i) => `resource "aws_s3_bucket" "b${i}" {}`).join('\n');

const good = bundle({
	'SKILL.md': '# Skill\n\nSee [the index](references/README.md).\n',
	'references/README.md': '# References\n\n- [services/](services/README.md)\n',
	'references/services/README.md': '# Services\n\n- [sqs.md](sqs.md): Amazon SQS\n',
	'references/services/sqs.md': '# Amazon SQS\n\n## Cost model\n\n| Item | Price (USD) | Unit |\n\nSee [the Lambda entry](lambda.md#use-it-when) and [the example](../../examples/queue/terraform/main.tf).\n\nContinued in [part 2](sqs.2.md) of 2.\n',
	'references/services/sqs.2.md': '# Amazon SQS (part 2 of 2)\n\nBack to [part 1](sqs.md#cost-model).\n',
	'examples/queue/terraform/main.tf': code,
});

describe('the skill checks', () => {
	it('accept a bundle whose files are indexed, linked, within size and free of copies', () => {
		expect(linkProblems(good)).toEqual(['references/services/sqs.md: lambda.md#use-it-when leads to no file']);
		const fixed = new Map(good).set('references/services/lambda.md', strToU8('# AWS Lambda\n\n## Use it when\n\nOften.\n'));
		fixed.set('references/services/README.md', strToU8('# Services\n\n- [sqs.md](sqs.md)\n- [lambda.md](lambda.md)\n'));
		expect(linkProblems(fixed)).toEqual([]);
		expect(indexProblems(fixed)).toEqual([]);
		expect(sizeProblems(fixed)).toEqual([]);
		expect(duplicateCodeProblems(fixed)).toEqual([]);
		expect(rateProblems(fixed, ['sqs'])).toEqual([]);
	});

	it('name a link to a missing heading, to a missing file and out of the bundle', () => {
		const bad = bundle({ 'references/a.md': '# A\n\n[x](b.md) [y](#nowhere) [z](../../outside.md) `[not](a/link.md)`\n' });
		expect(linkProblems(bad)).toEqual([
			'references/a.md: b.md leads to no file',
			'references/a.md: #nowhere names no heading there',
			'references/a.md: ../../outside.md leaves the bundle',
		]);
	});

	it('name a reference over its limit and a SKILL.md over its lines and bytes', () => {
		const bad = bundle({ 'SKILL.md': 'line\n'.repeat(7000), 'references/services/big.md': 'x'.repeat(referenceLimitBytes + 1) });
		expect(sizeProblems(bad)).toEqual([
			`references/services/big.md: ${referenceLimitBytes + 1} bytes, over ${referenceLimitBytes}`,
			'SKILL.md: 7001 lines, not under 600',
			'SKILL.md: 35000 bytes, over 32768',
		]);
	});

	it('name a file no index lists and a part the part before does not link', () => {
		const bad = new Map(good).set('references/services/sns.md', strToU8('# SNS\n')).set('references/services/sqs.3.md', strToU8('# SQS part 3\n'));
		bad.set('references/guides/README.md', strToU8('# Guides\n'));
		expect(indexProblems(bad)).toEqual([
			'references/services/sns.md: not linked from references/services/README.md',
			'references/services/sqs.3.md: not linked from references/services/sqs.2.md',
			'references/guides/README.md: not listed in references/README.md',
		]);
	});

	it('name a code block that copies an example file', () => {
		const bad = new Map(good).set('references/iac/choosing.md', strToU8(`# Choosing\n\n\`\`\`hcl\n${code}\n\`\`\`\n`));
		expect(duplicateCodeProblems(bad)).toEqual(['references/iac/choosing.md: a code block copies examples/queue/terraform/main.tf']);
	});

	it('name a recommended service without rates or a note that it has none', () => {
		const bad = new Map(good).set('references/services/sns.md', strToU8('# SNS\n\nCheap.\n'));
		expect(rateProblems(bad, ['sns', 'sqs', 'mq'])).toEqual(['references/services/sns.md: no rates and no note that it has none', 'references/services/mq.md: missing']);
		bad.set('references/services/sns.md', strToU8("# SNS\n\n**Rates:** no rate for Amazon SNS is in this skill's price list, so do not quote one from memory.\n"));
		expect(rateProblems(bad, ['sns'])).toEqual([]);
	});
});
